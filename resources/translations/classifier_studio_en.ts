<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CameraDialog</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="163"/>
        <source>%n images recorded into “{0}”</source>
        <translation>
            <numerusform>%n image recorded into “{0}”</numerusform>
            <numerusform>%n images recorded into “{0}”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="326"/>
        <source>%n images · train {0} / val {1} / test {2}</source>
        <translation>
            <numerusform>%n image · train {0} / val {1} / test {2}</numerusform>
            <numerusform>%n images · train {0} / val {1} / test {2}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="357"/>
        <source>{0} · %n images</source>
        <translation>
            <numerusform>{0} · %n image</numerusform>
            <numerusform>{0} · %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="509"/>
        <source>{0} in %n classes ({1} skipped)</source>
        <translation>
            <numerusform>{0} in %n class ({1} skipped)</numerusform>
            <numerusform>{0} in %n classes ({1} skipped)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="510"/>
        <source>Added %n images</source>
        <translation>
            <numerusform>Added %n image</numerusform>
            <numerusform>Added %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="513"/>
        <source>; %n were already in the project</source>
        <translation>
            <numerusform>; %n was already in the project</numerusform>
            <numerusform>; %n were already in the project</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="617"/>
        <source>Deleted class {0} (%n images removed from the project)</source>
        <translation>
            <numerusform>Deleted class {0} (%n image removed from the project)</numerusform>
            <numerusform>Deleted class {0} (%n images removed from the project)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="638"/>
        <source>Moved %n images to {0}</source>
        <translation>
            <numerusform>Moved %n image to {0}</numerusform>
            <numerusform>Moved %n images to {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="652"/>
        <source>Removed %n images from the project (files on disk are unchanged)</source>
        <translation>
            <numerusform>Removed %n image from the project (files on disk are unchanged)</numerusform>
            <numerusform>Removed %n images from the project (files on disk are unchanged)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeatureMapView</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/widgets/feature_map.py" line="165"/>
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthDialog</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/health.py" line="243"/>
        <source>about %n s left</source>
        <translation>
            <numerusform>about %n s left</numerusform>
            <numerusform>about %n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/health.py" line="273"/>
        <source>Found %n things worth a look.</source>
        <translation>
            <numerusform>Found %n thing worth a look.</numerusform>
            <numerusform>Found %n things worth a look.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/health.py" line="279"/>
        <source>The first %n are listed; act on them and check again.</source>
        <translation>
            <numerusform>The first %n is listed; act on it and check again.</numerusform>
            <numerusform>The first %n are listed; act on them and check again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/health.py" line="305"/>
        <source>%n kept earlier (not shown)</source>
        <translation>
            <numerusform>%n kept earlier (not shown)</numerusform>
            <numerusform>%n kept earlier (not shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="268"/>
        <source>%n images</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="273"/>
        <source>%n texts</source>
        <translation>
            <numerusform>%n text</numerusform>
            <numerusform>%n texts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="549"/>
        <source>%n classes</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MistakesDialog</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/mistakes_dialog.py" line="42"/>
        <source>%n images the model got wrong, its surest mistakes first: often these are wrongly labelled. Double-click an image to open it.</source>
        <translation>
            <numerusform>%n image the model got wrong: often such an image is wrongly labelled. Double-click it to open it.</numerusform>
            <numerusform>%n images the model got wrong, its surest mistakes first: often these are wrongly labelled. Double-click an image to open it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/mistakes_dialog.py" line="49"/>
        <source>%n texts the model got wrong, its surest mistakes first: often these are wrongly labelled.</source>
        <translation>
            <numerusform>%n text the model got wrong: often such a text is wrongly labelled.</numerusform>
            <numerusform>%n texts the model got wrong, its surest mistakes first: often these are wrongly labelled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OtherDataEvaluator</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="127"/>
        <source>{0}: accuracy {1} %, macro-F1 {2} on %n images.</source>
        <translation>
            <numerusform>{0}: accuracy {1} %, macro-F1 {2} on %n image.</numerusform>
            <numerusform>{0}: accuracy {1} %, macro-F1 {2} on %n images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="128"/>
        <source>{0}: accuracy {1} %, macro-F1 {2} on %n texts.</source>
        <translation>
            <numerusform>{0}: accuracy {1} %, macro-F1 {2} on %n text.</numerusform>
            <numerusform>{0}: accuracy {1} %, macro-F1 {2} on %n texts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="160"/>
        <source>(%n skipped)</source>
        <translation>
            <numerusform>(%n skipped)</numerusform>
            <numerusform>(%n skipped)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="163"/>
        <source>Show %n mistakes</source>
        <translation>
            <numerusform>Show %n mistake</numerusform>
            <numerusform>Show %n mistakes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="266"/>
        <source>%n classes</source>
        <translation>
            <numerusform>%n class</numerusform>
            <numerusform>%n classes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="447"/>
        <source>Wrote %n rows to {0}</source>
        <translation>
            <numerusform>Wrote %n row to {0}</numerusform>
            <numerusform>Wrote %n rows to {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="449"/>
        <source>(%n files skipped)</source>
        <translation>
            <numerusform>(%n file skipped)</numerusform>
            <numerusform>(%n files skipped)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestDialog</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="177"/>
        <source>All done: %n images added to the project.</source>
        <translation>
            <numerusform>All done: %n image added to the project.</numerusform>
            <numerusform>All done: %n images added to the project.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="182"/>
        <source>Image {0} of {1} · %n added</source>
        <translation>
            <numerusform>Image {0} of {1} · %n added</numerusform>
            <numerusform>Image {0} of {1} · %n added</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TextDataPanel</name>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="251"/>
        <source>%n texts · train {0} / val {1} / test {2}</source>
        <translation>
            <numerusform>%n text · train {0} / val {1} / test {2}</numerusform>
            <numerusform>%n texts · train {0} / val {1} / test {2}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="299"/>
        <source>{0} · %n texts</source>
        <translation>
            <numerusform>{0} · %n text</numerusform>
            <numerusform>{0} · %n texts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="385"/>
        <source>“{0}” (%n rows)</source>
        <translation>
            <numerusform>“{0}” (%n row)</numerusform>
            <numerusform>“{0}” (%n rows)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="389"/>
        <source>The first %n rows have these labels: {0}</source>
        <translation>
            <numerusform>The first row has this label: {0}</numerusform>
            <numerusform>The first %n rows have these labels: {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="392"/>
        <source>The first %n rows have no label.</source>
        <translation>
            <numerusform>The first row has no label.</numerusform>
            <numerusform>The first %n rows have no label.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="467"/>
        <source>{0} in %n classes.</source>
        <translation>
            <numerusform>{0} in %n class.</numerusform>
            <numerusform>{0} in %n classes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="468"/>
        <source>Imported %n texts</source>
        <translation>
            <numerusform>Imported %n text</numerusform>
            <numerusform>Imported %n texts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="474"/>
        <source>%n texts already in the project with the same label were merged.</source>
        <translation>
            <numerusform>%n text already in the project with the same label was merged.</numerusform>
            <numerusform>%n texts already in the project with the same label were merged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="482"/>
        <source>%n texts already in the project came again with a different label: the project&apos;s label is kept; those rows are listed under Rows not used.</source>
        <translation>
            <numerusform>%n text already in the project came again with a different label: the project&apos;s label is kept; that row is listed under Rows not used.</numerusform>
            <numerusform>%n texts already in the project came again with a different label: the project&apos;s label is kept; those rows are listed under Rows not used.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="493"/>
        <source>%n rows could not be used (see below).</source>
        <translation>
            <numerusform>%n row could not be used (see below).</numerusform>
            <numerusform>%n rows could not be used (see below).</numerusform>
        </translation>
    </message>
</context>
</TS>
