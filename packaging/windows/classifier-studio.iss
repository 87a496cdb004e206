; Inno Setup script: Classifier Studio for Windows (x64). NOT TESTED HERE (built on Linux only);
; .github/workflows/package.yml shows the steps that would build it on a Windows runner:
;   python -m desktop_app models --build
;   python packaging/build.py --icons-only
;   pyinstaller packaging/classifier_studio.spec --distpath build/dist --workpath build/pyinstaller
;   iscc /DAppVersion=0.1.0 packaging\windows\classifier-studio.iss
; The one-folder bundle in build\dist\classifier-studio is installed per user (no admin rights
; needed) into %LOCALAPPDATA%\Programs\Classifier Studio, with a Start-menu entry.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{7E0C4C1B-6A53-4C33-9E0B-3B1F5C2C9A41}
AppName=Classifier Studio
AppVersion={#AppVersion}
AppPublisher=Classifier Studio
DefaultDirName={autopf}\Classifier Studio
DefaultGroupName=Classifier Studio
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=ClassifierStudio-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\classifier-studio.ico
UninstallDisplayIcon={app}\classifier-studio.exe
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\build\dist\classifier-studio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Classifier Studio"; Filename: "{app}\classifier-studio.exe"
Name: "{group}\{cm:UninstallProgram,Classifier Studio}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Classifier Studio"; Filename: "{app}\classifier-studio.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\classifier-studio.exe"; Description: "{cm:LaunchProgram,Classifier Studio}"; Flags: nowait postinstall skipifsilent
