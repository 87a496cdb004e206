<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConfusionMatrix</name>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="84"/>
        <source>Confusion matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="210"/>
        <source>{0} × &apos;{1}&apos; recognised correctly ({2} % of the &apos;{1}&apos; images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="215"/>
        <source>{0} × true &apos;{1}&apos; predicted as &apos;{2}&apos; ({3} % of the &apos;{1}&apos; images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="218"/>
        <source>Click to see these images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="237"/>
        <source>No results to show yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="350"/>
        <source>True class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="359"/>
        <source>Predicted class</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="147"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="164"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="182"/>
        <source>Drop a folder of images here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="184"/>
        <source>Put the images of each class in their own sub-folder (for example flowers/rose, flowers/tulip) and drop the parent folder; train/val/test folders are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="200"/>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="232"/>
        <source>Add folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="203"/>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="235"/>
        <source>Add images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="223"/>
        <source>Drop a folder of images here — one sub-folder per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="225"/>
        <source>train/val/test folders are kept · or drop image files, then choose their class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="260"/>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="281"/>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="866"/>
        <source>Add class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="283"/>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="284"/>
        <source>Rename the selected class (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="286"/>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="889"/>
        <source>Delete class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="309"/>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="376"/>
        <source>Move to class…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="311"/>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="372"/>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="923"/>
        <source>Remove from project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="314"/>
        <source>Remove the selected images from the project (Delete); files stay on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="348"/>
        <source>Files that could not be used; they are not part of the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="353"/>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="361"/>
        <source>No files were skipped: every image was usable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="381"/>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="876"/>
        <source>Rename class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="435"/>
        <source>All classes  ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="452"/>
        <source>Too few images: add at least 5, better 20+.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="459"/>
        <source>{0} images · train {1} / val {2} / test {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="468"/>
        <source>Too few images in {0}: add at least 5 per class, better 20+.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="477"/>
        <source>{0}
Class: {1} · split: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="485"/>
        <source>All classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="486"/>
        <source>{0} · {1} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="490"/>
        <source>No images in this class yet. Drop image files above, then choose “{0}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="493"/>
        <source>No images yet. Drop a folder above, or add images with the buttons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="505"/>
        <source>Skipped files ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="565"/>
        <source>{0} selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="589"/>
        <source>Choose a folder with one sub-folder of images per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="601"/>
        <source>Choose images of one class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="603"/>
        <source>Images ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="620"/>
        <source>Choose the class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="621"/>
        <source>Which class do these {0} images show? Pick one or type a new name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="638"/>
        <source>An import is already running; wait for it or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="649"/>
        <source>Choose a class for the {0} image files: select it in the class list first, or drop a folder with one sub-folder per class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="666"/>
        <source>Looking for images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="674"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="688"/>
        <source>Scanning {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="695"/>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="700"/>
        <source>Import cancelled; nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="713"/>
        <source>Added {0} images in {1} classes ({2} skipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="717"/>
        <source>; {0} were already in the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="727"/>
        <source>Import failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="730"/>
        <source>Nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="773"/>
        <source>Cannot do that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="814"/>
        <source>Deleted class {0} ({1} images removed from the project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="835"/>
        <source>Moved {0} images to {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="847"/>
        <source>Removed {0} images from the project (files on disk are unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="866"/>
        <source>Name of the class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="876"/>
        <source>New name for {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="891"/>
        <source>Delete the class {0} and remove its {1} images from the project?

The image files on disk are not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="906"/>
        <source>Move to class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="907"/>
        <source>Move {0} images to the class (pick one or type a new name):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data_panel.py" line="925"/>
        <source>Remove {0} images from the project?

The image files on disk are not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluatePanel</name>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="121"/>
        <source>Train a model first (tab 2) to see how well it does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="126"/>
        <source>After training, this tab shows how often the model is right on images it never saw, which classes it mixes up, and lets you fix wrongly labelled images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="199"/>
        <source>What the model mixes up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="203"/>
        <source>Rows are the real class, columns what the model said. Blue: right; orange: mistakes. Click a cell to see its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="219"/>
        <source>Per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="223"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="224"/>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="225"/>
        <source>Recall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="226"/>
        <source>F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="227"/>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="259"/>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="359"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="235"/>
        <source>The class name. Double-click a row to see the images it got right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="236"/>
        <source>Of the images the model called this class, the share that really are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="237"/>
        <source>Of the images of this class, the share the model found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="238"/>
        <source>The balance of precision and recall: one number per class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="239"/>
        <source>How many evaluation images of this class there are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="261"/>
        <source>All mistakes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="263"/>
        <source>List every wrongly predicted image, most confident mistakes first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="269"/>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="363"/>
        <source>Click a cell of the matrix, or “All mistakes”, to see the images behind it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="296"/>
        <source>Selected image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="298"/>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="570"/>
        <source>Select an image to see what the model thought.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="304"/>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="571"/>
        <source>Relabel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="307"/>
        <source>The model is right and the label is wrong: move the image to that class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="312"/>
        <source>Relabel as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="321"/>
        <source>Retrain to update these numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="325"/>
        <source>Double-click an image to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="368"/>
        <source>This run did not keep its test images, so cells cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="376"/>
        <source>on {0} test images the model never saw during training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="378"/>
        <source>on {0} validation images (they picked the best epoch, so expect a little lower in use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="384"/>
        <source>Excellent: the model gets almost every image right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="387"/>
        <source>Good: it gets most images right. The matrix shows what it still mixes up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="391"/>
        <source>Fair: usable for a first try, but it makes many mistakes. More or cleaner examples of the weak classes usually help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="396"/>
        <source>Weak: it often gets it wrong. Check the labels of the mistakes and add more varied examples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="400"/>
        <source>About as good as guessing: the classes may look too alike, or there are too few examples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="407"/>
        <source>accuracy {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="410"/>
        <source>macro-F1: every class counts the same, big or small</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="414"/>
        <source>Only {0} images were tested, so these numbers are rough.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="427"/>
        <source>Model: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="428"/>
        <source>{0} epochs (best: {1}) · trained on {2} images in {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="433"/>
        <source>Run {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="461"/>
        <source>The weakest class: its F1 is the lowest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="467"/>
        <source>{0}  (weakest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="490"/>
        <source>{0} &apos;{1}&apos; images recognised correctly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="495"/>
        <source>Least confident first: the hardest images the model still got right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="499"/>
        <source>{0} &apos;{1}&apos; images predicted as &apos;{2}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="505"/>
        <source>Most confident mistakes first: often these are wrongly labelled. If the model is right, relabel the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="524"/>
        <source>All {0} mistakes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="526"/>
        <source>Most confident mistakes first: often these are wrongly labelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="545"/>
        <source>{0} → {1}  {2} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="549"/>
        <source>✓ now {0} · was {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="550"/>
        <source>true: {0} · predicted: {1} ({2} %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="583"/>
        <source>(+{0} more selected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="584"/>
        <source>Labelled: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="587"/>
        <source>Now: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="588"/>
        <source>The model&apos;s top {0}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="598"/>
        <source>Relabel as &apos;{0}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="657"/>
        <source>Nothing to relabel: the image already has that class or left the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate_panel.py" line="667"/>
        <source>Relabelled {0} image(s). Retrain to update these numbers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="144"/>
        <location filename="../../desktop_app/gui/main_window.py" line="371"/>
        <source>Classifier Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="162"/>
        <source>1 · Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="163"/>
        <source>2 · Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="164"/>
        <source>3 · Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="165"/>
        <source>4 · Predict &amp;&amp; Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="199"/>
        <source>Training finished. See the Evaluate tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="203"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="204"/>
        <source>&amp;New Image Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="207"/>
        <source>&amp;Open Project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="210"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="212"/>
        <source>&amp;Save Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="215"/>
        <source>&amp;Close Project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="218"/>
        <source>Show Project &amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="220"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="232"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="235"/>
        <source>&amp;Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="236"/>
        <source>&amp;Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="237"/>
        <source>&amp;Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="238"/>
        <source>&amp;Predict &amp;&amp; Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="246"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="252"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="263"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="264"/>
        <source>Open &amp;Log Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="266"/>
        <source>&amp;About Classifier Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="280"/>
        <source>No recent projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="294"/>
        <source>New image project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="295"/>
        <source>Name of the project (for example: Ripe or not):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="296"/>
        <location filename="../../desktop_app/gui/main_window.py" line="300"/>
        <source>My classifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="304"/>
        <source>Cannot create the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="314"/>
        <source>Open project folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="322"/>
        <source>Cannot open the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="339"/>
        <source>Work in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="340"/>
        <source>Something is still running (training or import). Stop it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="350"/>
        <source>Project saved (changes are also saved automatically).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="354"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="374"/>
        <source>{0} — Classifier Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="376"/>
        <source>{0} images · {1} classes · saved in {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="393"/>
        <source>About Classifier Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="395"/>
        <source>&lt;b&gt;Classifier Studio {0}&lt;/b&gt;&lt;p&gt;Train image classifiers on your own data, offline, and export one self-describing ONNX file that runs anywhere.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="409"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="411"/>
        <source>The new language applies when the current task has finished and the app restarts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="352"/>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="394"/>
        <source>Open model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="353"/>
        <source>Use an exported .onnx model instead of the run&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="355"/>
        <source>Export model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="358"/>
        <source>Save the model as one .onnx file with a ready-to-run predict.py</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="372"/>
        <source>Show in folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="388"/>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="639"/>
        <source>Train a model first (tab 2), or open an exported .onnx file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="410"/>
        <source>Drop images or folders here to classify them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="411"/>
        <source>or paste an image (Ctrl+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="419"/>
        <source>Paste image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="420"/>
        <source>Classify the picture on the clipboard (Ctrl+V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="422"/>
        <source>Classify a folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="424"/>
        <source>Classify every image below a folder and save the results as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="427"/>
        <source>Clear results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="448"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="457"/>
        <source>Results, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="468"/>
        <source>Results appear here: the top 3 labels of every image, with their probability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="523"/>
        <source>No model yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="525"/>
        <source>Predictions need a trained model: a finished run or an exported file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="530"/>
        <source>Model from {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="532"/>
        <source>Model file {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="534"/>
        <source>%n classes</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="536"/>
        <source>{0} % accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="540"/>
        <source>Labels: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="583"/>
        <source>{0} is a {1} model; this tab classifies images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="590"/>
        <source>Opened {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="596"/>
        <source>Open model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="596"/>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="616"/>
        <source>Cannot classify this picture: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="627"/>
        <source>pasted image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="634"/>
        <source>The clipboard holds no image to classify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="656"/>
        <source>Classifying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="677"/>
        <source>Classifying {0} of {1}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="696"/>
        <source>{0} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="712"/>
        <source>No preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="763"/>
        <source>A folder is already being classified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="768"/>
        <source>Classifying {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="770"/>
        <source>Looking for images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="781"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="785"/>
        <source>Folder of images to classify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="790"/>
        <source>Save predictions as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="790"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="811"/>
        <source>{0} of {1} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="815"/>
        <source>about {0} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="818"/>
        <source>writing the CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="832"/>
        <source>Wrote %n rows to {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="834"/>
        <source>(%n files skipped)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="840"/>
        <source>Classifying the folder failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="843"/>
        <source>Classifying the folder was cancelled; no CSV was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="854"/>
        <source>There is no model to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="870"/>
        <source>Could not export the model: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="880"/>
        <source>Exported {0} with {1} and {2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="896"/>
        <source>Export model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict_panel.py" line="896"/>
        <source>ONNX models (*.onnx)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectSession</name>
    <message>
        <location filename="../../desktop_app/gui/session.py" line="76"/>
        <source>Could not save the project in {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainPanel</name>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="208"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="215"/>
        <source>Fast (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="216"/>
        <source>Learns in seconds from a model that already knows photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="219"/>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="876"/>
        <source>Accurate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="220"/>
        <source>A bigger pretrained model: slower, often a little more accurate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="223"/>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="877"/>
        <source>Small model from scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="224"/>
        <source>For tiny or grey images like digits, icons or scans.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="235"/>
        <source>Advanced settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="246"/>
        <source>Continue from the last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="249"/>
        <source>Start from the weights the last finished run learned instead of from zero. Useful after adding a few images. If the classes changed, training starts fresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="256"/>
        <source>Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="258"/>
        <source>Train a model on the project&apos;s images (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="260"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="262"/>
        <source>Stop training; nothing is saved (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="275"/>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="281"/>
        <source>Click a finished run to see its curves and results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="306"/>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="328"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="331"/>
        <source>Balance classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="335"/>
        <source>Max epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="338"/>
        <source>How many times at most the model looks at every training image. Automatic picks enough for a few hundred learning steps; training usually stops earlier when it no longer improves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="344"/>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="347"/>
        <source>How many images the model looks at before each small correction. Automatic suits the size of your data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="352"/>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="355"/>
        <source>How big each correction is. Too big: unstable; too small: slow. Automatic is a safe choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="360"/>
        <source>Weight decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="363"/>
        <source>Keeps the model simple so it does not memorise the training images. Raise it a little if validation accuracy is much lower than training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="368"/>
        <source>Label smoothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="371"/>
        <source>Stops the model from being over-confident; helps when some labels may be wrong. 0 turns it off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="376"/>
        <source>Hidden units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="379"/>
        <source>Adds one extra layer of this size to the classifier. None (0) is a simple linear classifier, best for small datasets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="384"/>
        <source>Dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="387"/>
        <source>Randomly ignores this fraction of the features while learning, so the model does not rely on a few of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="392"/>
        <source>Patience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="395"/>
        <source>Stop after this many epochs without a better validation result; the best epoch&apos;s model is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="400"/>
        <source>Class weighting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="403"/>
        <source>Give classes with fewer images more weight, so a large class does not drown out a small one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="408"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="411"/>
        <source>A number that fixes the random choices: the same seed and data give the same model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="421"/>
        <source>Restore defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="429"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="432"/>
        <source>Press Start to train a model on your images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="458"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="559"/>
        <source>Training needs at least two classes with images. Add them on the Data tab (one sub-folder of images per class).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="574"/>
        <source>Cannot continue from {0} ({1}); starting fresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="592"/>
        <source>{0}: training {1} on {2} images in {3} classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="597"/>
        <source>Continuing from the last run&apos;s weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="598"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="619"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="647"/>
        <source>Cancelled; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="648"/>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="671"/>
        <source>epoch {0}: val accuracy {1} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="675"/>
        <source>epoch {0}: train accuracy {1} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="689"/>
        <source>Reading images {0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="691"/>
        <source>Reading images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="693"/>
        <source>Training epoch {0}/{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="695"/>
        <source>Getting ready…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="697"/>
        <source>Saving the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="707"/>
        <source>about 1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="709"/>
        <source>about {0} s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="710"/>
        <source>about {0} min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="725"/>
        <source>Done: {0} % accuracy on the {1} images ({2} images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="730"/>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="732"/>
        <source>Best epoch {0} of {1}; {2} s in all. Model saved ({3} MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="739"/>
        <source>Finished. See the Evaluate tab for details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="747"/>
        <source>Training failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="749"/>
        <source>Training failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="754"/>
        <source>Training stopped unexpectedly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="838"/>
        <source>{0}: {1} % accuracy on the {2} images, best epoch {3}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="875"/>
        <source>Fast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="882"/>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="882"/>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="886"/>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="887"/>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="888"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="889"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="890"/>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train_panel.py" line="898"/>
        <source>{0} %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="90"/>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="90"/>
        <source>loss (lower is better)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="92"/>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="92"/>
        <source>accuracy % (higher is better)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="117"/>
        <source>train (each batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="119"/>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="120"/>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="123"/>
        <source>Best epoch: its weights are the ones kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="133"/>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="58"/>
        <source>Classifier Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="61"/>
        <source>Teach your computer to recognise your own pictures — offline, in seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="67"/>
        <source>1  Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="67"/>
        <source>Drop a folder with one sub-folder of images per class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="69"/>
        <source>2  Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="70"/>
        <source>Press Start; the app learns your classes while you watch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="73"/>
        <source>3  Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="74"/>
        <source>Check the results, drop new images to classify, export one .onnx file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="88"/>
        <source>New image project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="91"/>
        <source>Open project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="98"/>
        <source>Recent projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="112"/>
        <source>Everything stays on this computer; no internet connection is needed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../desktop_app/gui/app.py" line="80"/>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/app.py" line="81"/>
        <source>{0}: {1}

Your project is saved. The details are in the log file:
{2}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <location filename="../../desktop_app/gui/workers.py" line="48"/>
        <source>Not enough memory. Try a smaller dataset or close other programs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/workers.py" line="54"/>
        <source>Unexpected error: {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
