#!/usr/bin/env bash
# macOS: Classifier Studio.app (PyInstaller BUNDLE) in a drag-to-Applications disk image.
# NOT TESTED HERE (built on Linux only); .github/workflows/package.yml runs it on a macOS runner.
# macOS has no onnxruntime-gpu wheel: pyproject.toml installs `onnxruntime` there.
# Unsigned: a user opens it the first time with right-click > Open (signing needs a Developer ID).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(python -c 'import desktop_app; print(desktop_app.__version__)')
test -f models/efficientnet-lite0.onnx || { echo 'build the backbones first (desktop-app models --build, with the build extra)'; exit 1; }
python packaging/build.py --icons-only
pyinstaller packaging/classifier_studio.spec --distpath build/dist --workpath build/pyinstaller --noconfirm
STAGE=build/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE" dist
cp -R "build/dist/Classifier Studio.app" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Classifier Studio" -srcfolder "$STAGE" -ov -format UDZO \
  "dist/ClassifierStudio-$VERSION.dmg"
echo "dist/ClassifierStudio-$VERSION.dmg"
