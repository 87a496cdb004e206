<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="45"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="50"/>
        <source>Choose a class, then hold the button (or Space) while you show it examples from different sides. A few frames a second are kept; frames that do not change are skipped.</source>
        <translation>先选择一个类别，然后按住按钮（或空格键），从不同角度向摄像头展示样例。每秒只保留几帧；没有变化的画面会被跳过。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="58"/>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="63"/>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="68"/>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="115"/>
        <source>Hold to record</source>
        <translation>按住录制</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="76"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="107"/>
        <source>Choose or type a class first.</source>
        <translation>请先选择或输入一个类别。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="110"/>
        <source>Recording…</source>
        <translation>正在录制…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="146"/>
        <source>Camera stopped.</source>
        <translation>摄像头已停止。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/camera.py" line="163"/>
        <source>%n images recorded into “{0}”</source>
        <translation>
            <numerusform>已向“{0}”录入 %n 张图片</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../../build/core_strings.py" line="293"/>
        <source>Fast</source>
        <translation>快速</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="294"/>
        <source>Learns in seconds from a model that already knows photos.</source>
        <translation>基于已熟悉照片的模型，几秒钟即可学会。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="295"/>
        <source>photos of objects, animals, plants and scenes</source>
        <translation>物体、动物、植物和场景的照片</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="296"/>
        <source>Accurate</source>
        <translation>精确</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="297"/>
        <source>A bigger pretrained model: slower, often a little more accurate.</source>
        <translation>更大的预训练模型：较慢，通常更准确一些。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="298"/>
        <source>photos where small details tell the classes apart</source>
        <translation>靠细小之处区分类别的照片</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="299"/>
        <source>Small model from scratch</source>
        <translation>从零训练的小模型</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="300"/>
        <source>For tiny or grey images like digits, icons or scans.</source>
        <translation>适用于数字、图标或扫描件等很小或灰度的图片。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="301"/>
        <source>handwritten digits, icons, scanned forms and other small pictures</source>
        <translation>手写数字、图标、扫描的表单和其他小图片</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="302"/>
        <source>English sentences</source>
        <translation>英文句子</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="303"/>
        <source>Learns in seconds from a model that already understands English sentences.</source>
        <translation>基于一个已经理解英文句子的模型，几秒钟即可学会。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="304"/>
        <source>English sentences and short paragraphs: reviews, messages, tickets</source>
        <translation>英文句子和短段落：评论、消息、工单</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="305"/>
        <source>Any language (accurate)</source>
        <translation>任意语言（更准确）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="306"/>
        <source>Learns in seconds from a model that already understands sentences in about 100 languages, Chinese included. Reads texts more slowly than the English model.</source>
        <translation>基于一个已经理解约 100 种语言（包括中文）句子的模型，几秒钟即可学会。读取文本比英文模型慢。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="307"/>
        <source>reviews, messages, titles and tickets in Chinese, Spanish, German or any of about 100 languages, or a mix of them</source>
        <translation>中文、西班牙文、德文等约 100 种语言（或混合语言）的评论、消息、标题和工单</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="308"/>
        <source>Any language, from scratch</source>
        <translation>任意语言，从零训练</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="309"/>
        <source>Learns words from your own texts only: for other languages, codes or very specific vocabulary. Needs more examples.</source>
        <translation>只从您自己的文本中学习词语：适用于其他语言、代码或非常专门的词汇。需要更多样本。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="310"/>
        <source>any language (Chinese included), codes, very specific vocabulary</source>
        <translation>任意语言（包括中文）、代码、非常专门的词汇</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="311"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="312"/>
        <source>Tries Fast and Accurate on your images and keeps the one that does better on the validation images.</source>
        <translation>在您的图片上分别试用“快速”和“精确”，保留在验证图片上表现更好的那个。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="313"/>
        <source>when you are not sure which model to take: the comparison takes seconds once the images are read</source>
        <translation>不确定该选哪个模型时使用：图片读取完成后，比较只需几秒钟</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="314"/>
        <source>Looks at the language of your texts, tries the models made for it and keeps the one that does better on the validation texts.</source>
        <translation>先看您的文本是哪种语言，试用适合该语言的模型，保留在验证文本上表现更好的那个。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="315"/>
        <source>any texts: for Chinese or Spanish texts it tries the two any-language models, for English texts all three, and keeps the best</source>
        <translation>任何文本：中文或西班牙文等文本试用两个“任意语言”模型，英文文本试用全部三个，保留最好的一个</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/model_words.py" line="51"/>
        <source>{0} (recommended)</source>
        <translation>{0}（推荐）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/model_words.py" line="59"/>
        <source>Suits: {0}</source>
        <translation>适合：{0}</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrix</name>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="84"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="210"/>
        <source>{0} × &apos;{1}&apos; recognised correctly ({2} % of the &apos;{1}&apos; images)</source>
        <translation>{0} 张“{1}”识别正确（占“{1}”图片的 {2} %）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="215"/>
        <source>{0} × true &apos;{1}&apos; predicted as &apos;{2}&apos; ({3} % of the &apos;{1}&apos; images)</source>
        <translation>{0} 张实为“{1}”被预测为“{2}”（占“{1}”图片的 {3} %）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="218"/>
        <source>Click to see these images.</source>
        <translation>点击查看这些图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="237"/>
        <source>No results to show yet.</source>
        <translation>暂无结果。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="350"/>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/confusion.py" line="359"/>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <location filename="../../build/core_strings.py" line="5"/>
        <source>empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="6"/>
        <source>{0} images are not supported (use JPEG, PNG, BMP, WebP or TIFF)</source>
        <translation>不支持 {0} 图像（请使用 JPEG、PNG、BMP、WebP 或 TIFF）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="7"/>
        <source>not an image file (unrecognised content)</source>
        <translation>不是图像文件（无法识别的内容）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="8"/>
        <source>too many pixels ({0} x {1} pixels; the limit is {2} megapixels): a damaged file or a decompression bomb</source>
        <translation>像素过多（{0} x {1} 像素；上限为 {2} 百万像素）：文件已损坏或是解压炸弹</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="9"/>
        <location filename="../../build/core_strings.py" line="90"/>
        <source>file too large ({0} MB; the limit is {1} MB)</source>
        <translation>文件过大（{0} MB；上限为 {1} MB）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="10"/>
        <source>truncated JPEG (the file ends before the image does)</source>
        <translation>JPEG 文件不完整（文件在图像结束前就结束了）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="11"/>
        <source>cannot decode this {0} file (damaged, or too many pixels)</source>
        <translation>无法解码此 {0} 文件（已损坏，或像素过多）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="12"/>
        <source>not enough memory to decode this image</source>
        <translation>内存不足，无法解码此图像</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="13"/>
        <source>unsupported pixel type {0}</source>
        <translation>不支持的像素类型 {0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="14"/>
        <source>unsupported number of channels ({0})</source>
        <translation>不支持的通道数（{0}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="15"/>
        <source>cannot read file ({0})</source>
        <translation>无法读取文件（{0}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="16"/>
        <source>cannot read this image ({0})</source>
        <translation>无法读取此图像（{0}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="17"/>
        <source>system file, not {0} ({1})</source>
        <translation>系统文件，不是{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="18"/>
        <source>hidden file, not used (its name starts with a dot)</source>
        <translation>隐藏文件，未使用（文件名以点开头）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="19"/>
        <source>not an image ({0})</source>
        <translation>不是图像（{0}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="20"/>
        <source>not an image file</source>
        <translation>不是图像文件</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="21"/>
        <source>cannot read ({0})</source>
        <translation>无法读取（{0}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="22"/>
        <location filename="../../build/core_strings.py" line="89"/>
        <source>not a regular file (a pipe or a device)</source>
        <translation>不是普通文件（管道或设备）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="23"/>
        <source>not inside a class folder</source>
        <translation>不在任何类别文件夹中</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="24"/>
        <source>folder ignored: not a train/val/test split folder</source>
        <translation>已忽略文件夹：不是 train/val/test 划分文件夹</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="62"/>
        <source>folder ignored: not a train/val/test folder</source>
        <translation>已忽略文件夹：不是 train/val/test 文件夹</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="25"/>
        <source>no usable images in this class folder</source>
        <translation>此类别文件夹中没有可用的图像</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="26"/>
        <source>file not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="27"/>
        <source>no label given</source>
        <translation>未给出标签</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="30"/>
        <source>Folder not found: {0}</source>
        <translation>找不到文件夹：{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="31"/>
        <source>Folder or file not found: {0}</source>
        <translation>找不到文件夹或文件：{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="32"/>
        <source>Not found: {0}</source>
        <translation>找不到：{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="33"/>
        <source>Not a folder: {0} (drop a folder with one sub-folder per class)</source>
        <translation>不是文件夹：{0}（请拖入一个每个类别一个子文件夹的文件夹）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="34"/>
        <source>{0} is one image: give the folder that holds one sub-folder per class.</source>
        <translation>{0} 是单张图像：请提供包含每个类别一个子文件夹的文件夹。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="40"/>
        <source>No validation folder: {0} of train set aside for validation.</source>
        <translation>没有验证文件夹：已从训练集中留出 {0} 用于验证。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="47"/>
        <source>empty row</source>
        <translation>空行</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="48"/>
        <source>empty text</source>
        <translation>文本为空</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="49"/>
        <source>empty file</source>
        <translation>空文件</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="50"/>
        <source>missing label</source>
        <translation>缺少标签</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="51"/>
        <source>missing text</source>
        <translation>缺少文本</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="52"/>
        <source>expected {0} fields, found {1}</source>
        <translation>应有 {0} 个字段，实际为 {1} 个</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="53"/>
        <source>bytes that are not valid {0}</source>
        <translation>含有无效的 {0} 字节</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="54"/>
        <source>contains NUL bytes (binary data?)</source>
        <translation>含有 NUL 字节（二进制数据？）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="55"/>
        <source>a cell is larger than 1 MB</source>
        <translation>有单元格大于 1 MB</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="56"/>
        <source>larger than 1 MB</source>
        <translation>大于 1 MB</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="57"/>
        <source>not a .txt file</source>
        <translation>不是 .txt 文件</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="58"/>
        <source>not text</source>
        <translation>不是文本</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="59"/>
        <source>cannot parse ({0})</source>
        <translation>无法解析（{0}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="60"/>
        <source>unbalanced quote (an opening quote is never closed)</source>
        <translation>引号不配对（有左引号没有闭合）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="61"/>
        <source>file ignored: {0}</source>
        <translation>已忽略文件：{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="64"/>
        <source>{0} is empty: no rows to import</source>
        <translation>{0} 是空的：没有可导入的行</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="65"/>
        <source>no rows with any text</source>
        <translation>没有任何含文本的行</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="66"/>
        <source>found only one column, so there is no label column</source>
        <translation>只找到一列，因此没有标签列</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="67"/>
        <source>found only one column (no tab, comma, semicolon or | between fields)</source>
        <translation>只找到一列（字段之间没有制表符、逗号、分号或 |）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="68"/>
        <source>{0}: the text and the label cannot be the same column (&apos;{1}&apos;)</source>
        <translation>{0}：文本和标签不能是同一列（“{1}”）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="69"/>
        <source>{0}: no rows can be read with these settings.</source>
        <translation>{0}：按这些设置读取不到任何行。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="70"/>
        <source>No text data found in {0}. Expected a CSV/TSV/TXT file, train/dev/test files, or one sub-folder of .txt files per class.</source>
        <translation>在 {0} 中未找到文本数据。应为一个 CSV/TSV/TXT 文件、train/dev/test 文件，或每个类别一个存放 .txt 文件的子文件夹。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="71"/>
        <source>{0} holds one sub-folder per class: there are no columns to choose</source>
        <translation>{0} 中每个类别一个子文件夹：没有可选择的列</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="72"/>
        <source>Unknown text encoding {0}</source>
        <translation>未知的文本编码 {0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="73"/>
        <source>No usable rows in {0}: every row was empty or had no label.</source>
        <translation>{0} 中没有可用的行：每一行都是空的或没有标签。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="74"/>
        <source>Only one class (&apos;{0}&apos;) in {1}: a classifier needs at least two (check the label column).</source>
        <translation>{1} 中只有一个类别（“{0}”）：分类器至少需要两个类别（请检查标签列）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="88"/>
        <source>{0} repeat(s) of a text came with different labels: each such text is kept once, under its first label; those rows are listed as not used.</source>
        <translation>有 {0} 处重复文本的标签不同：每条这样的文本只保留一次，归入它的第一个标签；这些行列为未使用的行。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="177"/>
        <source>The &apos;{0}&apos; model cannot be fine-tuned: fine-tuning needs a pretrained image model (Fast or Accurate) or, for texts, the any-language model (multilingual-e5-small).</source>
        <translation>“{0}”模型无法微调：微调需要预训练的图片模型（快速或精确），文本则需要任意语言模型（multilingual-e5-small）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="178"/>
        <source>Texts are fine-tuned in one process: run the command without torchrun.</source>
        <translation>文本的微调只在一个进程中进行：请不要用 torchrun 运行此命令。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="180"/>
        <source>Fine-tuning texts: the any-language model is the one whose layers can learn, so the Automatic choice takes it.</source>
        <translation>微调文本：只有任意语言模型的层可以继续学习，因此“自动”选择了它。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="192"/>
        <source>Cannot read the training run in {0}: {1}</source>
        <translation>无法读取 {0} 中的训练记录：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="29"/>
        <source>Cannot read folder {0}: {1}</source>
        <translation>无法读取文件夹 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="77"/>
        <source>Cannot read {0}: it is {1}, not a text table.</source>
        <translation>无法读取 {0}：它是 {1}，不是文本表格。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="76"/>
        <location filename="../../build/core_strings.py" line="128"/>
        <source>Cannot read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="81"/>
        <source>Read {0} as {1} {2} {3}, quotes taken literally; text column &apos;{4}&apos;, label column &apos;{5}&apos;.</source>
        <translation>已将 {0} 按 {1} 编码的 {2} 文件读取（{3}，引号按原文保留）；文本列“{4}”，标签列“{5}”。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="80"/>
        <source>Read {0} as {1} {2} {3}; text column &apos;{4}&apos;, label column &apos;{5}&apos;.</source>
        <translation>已将 {0} 按 {1} 编码的 {2} 文件读取（{3}）；文本列“{4}”，标签列“{5}”。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="28"/>
        <source>file not found or unreadable</source>
        <translation>文件不存在或无法读取</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="35"/>
        <source>No images found in {0}. Expected one sub-folder per class, each holding JPEG, PNG, BMP, WebP or TIFF images.{1}</source>
        <translation>在 {0} 中未找到图像。应为每个类别一个子文件夹，每个子文件夹包含 JPEG、PNG、BMP、WebP 或 TIFF 图像。{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="36"/>
        <source>None of the given files is a usable image.{0}</source>
        <translation>给出的文件中没有可用的图像。{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="37"/>
        <source> {0} files were skipped: {1}.</source>
        <translation>跳过了 {0} 个文件：{1}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="38"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="41"/>
        <source>the same image is in two classes (both kept; check their labels): {0}</source>
        <translation>同一张图像出现在两个类别中（两份都已保留；请检查它们的标签）：{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="42"/>
        <source>class names that look the same are different names, so they are trained as separate classes (rename one if they are the same class): {0}</source>
        <translation>看起来相同的类别名称实际上是不同的名称，因此会被当作不同的类别训练（如果它们是同一个类别，请重命名其中一个）：{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="43"/>
        <source>val_fraction must be in [0, 1)</source>
        <translation>val_fraction 必须在 [0, 1) 范围内</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="44"/>
        <source>{0} must have the same length</source>
        <translation>{0} 的长度必须相同</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="45"/>
        <source>Nothing to import.</source>
        <translation>没有可导入的内容。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="46"/>
        <source>{0}</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="63"/>
        <source>the same text as an earlier row, which is kept with label &apos;{0}&apos;: this row&apos;s label &apos;{1}&apos; is not used</source>
        <translation>与前面某行的文本相同，该文本以标签“{0}”保留：本行的标签“{1}”未使用</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="75"/>
        <source>{0}: the label column &apos;{1}&apos; holds {2} different values in {3} rows, almost one per row: it looks like free text, not classes. Choose the column that names each row&apos;s class.</source>
        <translation>{0}：标签列“{1}”在 {3} 行中有 {2} 个不同的值，几乎每行一个：它看起来是自由文本，而不是类别。请选择标明每行类别的那一列。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="78"/>
        <source>No {0} column named {1}; columns are: {2}</source>
        <translation>没有名为 {1} 的 {0} 列；现有的列：{2}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="79"/>
        <source>{0} column index {1} is out of range: the file has {2} columns (0-based: 0 to {3})</source>
        <translation>{0} 列序号 {1} 超出范围：文件有 {2} 列（从 0 开始：0 到 {3}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="82"/>
        <source>Read {0} as one sub-folder of .txt files per class.</source>
        <translation>已将 {0} 按每个类别一个 .txt 文件子文件夹读取。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="83"/>
        <source>No column looks like labels (50 or fewer distinct values); guessed &apos;{0}&apos;: choose the label column if wrong.</source>
        <translation>没有哪一列像标签（不超过 50 个不同的值）；猜测为“{0}”：如有错误请选择标签列。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="84"/>
        <source>Kept the splits of {0}.</source>
        <translation>保留了 {0} 的数据划分。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="85"/>
        <source>No validation file: {0} of train set aside for it.</source>
        <translation>没有验证文件：已从训练集中留出 {0} 用于验证。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="86"/>
        <source>Skipped {0} row(s) or file(s); see the list of skipped items.</source>
        <translation>跳过了 {0} 行或文件；请查看跳过项列表。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="87"/>
        <source>{0} repeated text(s) with the same label were merged: each text is one item.</source>
        <translation>已合并 {0} 条标签相同的重复文本：每条文本只算一项。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="91"/>
        <source>Cannot read {0}: {1}.</source>
        <translation>无法读取 {0}：{1}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="92"/>
        <source>Cannot write the results to {0}: it is a folder (give a .csv file name).</source>
        <translation>无法将结果写入 {0}：它是一个文件夹（请给出 .csv 文件名）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="93"/>
        <source>Cannot write the results to {0} ({1}).</source>
        <translation>无法将结果写入 {0}（{1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="94"/>
        <source>Could not write {0} ({1}); the results were saved to {2} instead.</source>
        <translation>无法写入 {0}（{1}）；结果已改存到 {2}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="95"/>
        <source>Could not write the results to {0} ({1}), nor to {2} ({3}).</source>
        <translation>无法将结果写入 {0}（{1}），也无法写入 {2}（{3}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="96"/>
        <source>{0} is a folder, not a model file: {1}</source>
        <translation>{0} 是文件夹，不是模型文件：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="97"/>
        <source>{0} is not a regular file (a pipe or a device), not a model.</source>
        <translation>{0} 不是普通文件（是管道或设备），不是模型。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="98"/>
        <source>{0} failed while classifying ({1}).</source>
        <translation>{0} 在分类时出错（{1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="99"/>
        <source>{0} asks for {1} GB in one buffer, more than this computer has: a damaged or crafted model.</source>
        <translation>{0} 要求一次分配 {1} GB 的缓冲区，超出了这台计算机的内存：这是一个损坏的或特意构造的模型。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="100"/>
        <source>{0} was stopped: classifying one batch took longer than {1} s (a damaged or crafted model, or a far too slow computer).</source>
        <translation>{0} 已被停止：分类一批数据用时超过 {1} 秒（模型已损坏或被特意构造，或者计算机太慢）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="101"/>
        <source>{0}: its tokenizer failed on the texts ({1}).</source>
        <translation>{0}：其分词器处理这些文本时出错（{1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="102"/>
        <source>Model file not found: {0}</source>
        <translation>找不到模型文件：{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="103"/>
        <source>Cannot read the model file {0}: {1}</source>
        <translation>无法读取模型文件 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="104"/>
        <source>Cannot write the model file {0}: {1}</source>
        <translation>无法写入模型文件 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="105"/>
        <source>{0} was written but does not read back as changed; it may be damaged.</source>
        <translation>{0} 已写入，但读回时未见更改；文件可能已损坏。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="106"/>
        <source>The unsure threshold must be a probability from 0 to 1 (e.g. 0.8 for 80 %), got {0}.</source>
        <translation>“不确定”阈值必须是 0 到 1 之间的概率（例如 0.8 表示 80 %），收到的是 {0}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="107"/>
        <source>{0} is an empty file (0 bytes), not a model.</source>
        <translation>{0} 是空文件（0 字节），不是模型。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="108"/>
        <source>{0}: {1} GB is larger than any model this app makes (the limit is {2} GB).</source>
        <translation>{0}：{1} GB 比本应用生成的任何模型都大（上限为 {2} GB）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="109"/>
        <source>{0} is not a valid ONNX model ({1}).</source>
        <translation>{0} 不是有效的 ONNX 模型（{1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="110"/>
        <source>{0} was not exported by Classifier Studio (its metadata has no labels).</source>
        <translation>{0} 不是由 Classifier Studio 导出的模型（其元数据中没有标签）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="111"/>
        <source>{0} uses model format {1}, newer than this app understands.</source>
        <translation>{0} 使用模型格式 {1}，比本应用能识别的版本更新。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="112"/>
        <source>{0}: damaged metadata, it does not say its task.</source>
        <translation>{0}：元数据已损坏，未注明任务。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="113"/>
        <source>{0}: unknown task {1} in its metadata (this app classifies {2}).</source>
        <translation>{0}：元数据中的任务 {1} 未知（本应用可分类{2}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="115"/>
        <source>{0}: damaged metadata, its labels cannot be read ({1}).</source>
        <translation>{0}：元数据已损坏，无法读取其标签（{1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="116"/>
        <source>{0}: damaged metadata, its labels are not a list of names.</source>
        <translation>{0}：元数据已损坏，其标签不是名称列表。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="117"/>
        <source>{0}: its input is {1} {2}, not the uint8 images (batch, height, width, 3) its metadata promises.</source>
        <translation>{0}：其输入为 {1} {2}，而不是元数据所声明的 uint8 图像（batch, height, width, 3）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="118"/>
        <source>{0}: its inputs are not the token ids of a text model.</source>
        <translation>{0}：其输入不是文本模型的词元 ID。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="119"/>
        <source>{0}: its metadata names {1} labels but the model has {2} outputs.</source>
        <translation>{0}：元数据列出 {1} 个标签，但模型有 {2} 个输出。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="120"/>
        <source>{0}: its tokenizer cannot be read ({1}).</source>
        <translation>{0}：无法读取其分词器（{1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="121"/>
        <source>{0} classifies {1}, not {2}.</source>
        <translation>{0} 用于分类{1}，而不是{2}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="124"/>
        <source>There is already a project in {0}.</source>
        <translation>{0} 中已经有一个项目。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="125"/>
        <source>{0} is not empty; choose an empty or new folder.</source>
        <translation>{0} 不是空文件夹；请选择一个空文件夹或新文件夹。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="126"/>
        <source>Cannot create {0}: {1}</source>
        <translation>无法创建 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="127"/>
        <source>No project in {0} ({1} not found).</source>
        <translation>{0} 中没有项目（找不到 {1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="129"/>
        <source>{0} is not a Classifier Studio project.</source>
        <translation>{0} 不是 Classifier Studio 项目。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="130"/>
        <source>{0} has an unknown project format ({1}).</source>
        <translation>{0} 的项目格式未知（{1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="131"/>
        <source>{0} was saved by a newer version of Classifier Studio (project format {1}; this version reads up to {2}). Update the app to open it.</source>
        <translation>{0} 是由更新版本的 Classifier Studio 保存的（项目格式 {1}；此版本最高只能读取 {2}）。请更新应用后再打开。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="132"/>
        <source>The project in {0} is damaged: {1}</source>
        <translation>{0} 中的项目已损坏：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="133"/>
        <source>A class needs a name.</source>
        <translation>类别需要一个名称。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="134"/>
        <source>There is already a class called &apos;{0}&apos;.</source>
        <translation>已经有名为“{0}”的类别。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="135"/>
        <source>No class called &apos;{0}&apos;.</source>
        <translation>没有名为“{0}”的类别。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="136"/>
        <source>No training run &apos;{0}&apos; in this project.</source>
        <translation>此项目中没有训练记录“{0}”。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="137"/>
        <source>The app stopped before this run finished.</source>
        <translation>本次训练结束之前应用已停止。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="138"/>
        <source>{0}: unknown task {1} (this version classifies {2}).</source>
        <translation>{0}：未知的任务 {1}（此版本可分类 {2}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="139"/>
        <source>{0} cannot be used: {1}.</source>
        <translation>{0} 无法使用：{1}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="140"/>
        <source>{0}: {1}; {2}.</source>
        <translation>{0}：{1}；{2}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="141"/>
        <source>{0} is not a run id such as run-0001: the app uses no folder by that name.</source>
        <translation>{0} 不是形如 run-0001 的训练编号：本应用不会使用该名称的文件夹。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="142"/>
        <source>{0} is a link to {1}, outside the project folder: the app neither reads nor writes there.</source>
        <translation>{0} 是指向项目文件夹之外 {1} 的链接：本应用不会在那里读取或写入。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="143"/>
        <source>nested too deeply to be read (a damaged file)</source>
        <translation>嵌套过深，无法读取（文件已损坏）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="144"/>
        <source>it must hold a JSON object, found {0}</source>
        <translation>它必须是一个 JSON 对象，实际为 {0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="145"/>
        <source>&quot;{0}&quot; must be an object, found {1}</source>
        <translation>“{0}”必须是一个对象，实际为 {1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="146"/>
        <source>&quot;{0}&quot; must be a list, found {1}</source>
        <translation>“{0}”必须是一个列表，实际为 {1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="147"/>
        <source>&quot;{0}&quot; must be a text, found {1}</source>
        <translation>“{0}”必须是文本，实际为 {1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="148"/>
        <source>&quot;{0}&quot; has a value this app cannot use: {1}</source>
        <translation>“{0}”的值本应用无法使用：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="149"/>
        <source>&quot;{0}&quot; must be [item, label, split] (three texts), found {1}</source>
        <translation>“{0}”必须是 [条目, 标签, 划分]（三个文本），实际为 {1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="150"/>
        <source>&quot;{0}&quot; must be a run id such as run-0001, found {1}</source>
        <translation>“{0}”必须是形如 run-0001 的训练编号，实际为 {1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="151"/>
        <source>&quot;{0}&quot; repeats {1}</source>
        <translation>“{0}”重复了 {1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="152"/>
        <source>&quot;{0}&quot; is {1}, not one of: {2}</source>
        <translation>“{0}”是 {1}，不在以下取值中：{2}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="153"/>
        <source>&quot;{0}&quot; has the label {1}, which is not in &quot;classes&quot;</source>
        <translation>“{0}”的标签是 {1}，它不在“classes”中</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="154"/>
        <source>it is ignored</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="155"/>
        <source>this entry is left out</source>
        <translation>此条目已略去</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="156"/>
        <source>this run is left out</source>
        <translation>此训练已略去</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="157"/>
        <source>the run is listed as unreadable</source>
        <translation>此训练标为无法读取</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="158"/>
        <source>the class is added</source>
        <translation>已添加该类别</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="159"/>
        <source>the item is used for training</source>
        <translation>该条目用于训练</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="160"/>
        <source>the classes are taken from the items&apos; labels</source>
        <translation>类别取自各条目的标签</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="161"/>
        <source>{0} is open in another Classifier Studio ({1}): it can only be opened read-only here until it is closed there.</source>
        <translation>{0} 已在另一个 Classifier Studio 中打开（{1}）：在那里关闭之前，这里只能以只读方式打开。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="162"/>
        <source>process {0} on {1}, since {2}</source>
        <translation>{1} 上的进程 {0}，自 {2} 起</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="163"/>
        <source>holder unknown</source>
        <translation>持有者未知</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="164"/>
        <source>Cannot open the project for writing: its lock file {0} is not a plain file ({1}). Remove it if no Classifier Studio has the project open.</source>
        <translation>无法以可写方式打开项目：其锁文件 {0} 不是普通文件（{1}）。如果没有 Classifier Studio 打开此项目，请删除它。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="165"/>
        <source>{0} is open read-only: you can view it, evaluate and predict, but not train, edit or save it.</source>
        <translation>{0} 以只读方式打开：可以查看、评估和预测，但不能训练、编辑或保存。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="166"/>
        <source>The project folder {0} is read-only: you can view it, evaluate and predict, but not train, edit or save it.</source>
        <translation>项目文件夹 {0} 是只读的：可以查看、评估和预测，但不能训练、编辑或保存。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="167"/>
        <source>The disk holding {0} is full: you can view the project, evaluate and predict, but not train, edit or save it until space is freed and it is opened again.</source>
        <translation>{0} 所在的磁盘已满：可以查看项目、评估和预测，但在腾出空间并重新打开之前，不能训练、编辑或保存。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="168"/>
        <source>{0} was closed: nothing more can be saved in it.</source>
        <translation>{0} 已关闭：不能再保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="169"/>
        <source>Cannot save the project in {0}: {1}</source>
        <translation>无法在 {0} 中保存项目：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="170"/>
        <source>The &apos;{0}&apos; model is for {1} data, not {2}.</source>
        <translation>“{0}”模型用于{1}数据，而不是{2}数据。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="172"/>
        <source>Word pieces are read beside a pretrained text model&apos;s sentence vector; the &apos;{0}&apos; model has none, so it trains without them.</source>
        <translation>词片是与预训练文本模型的句子向量一起读取的；“{0}”模型没有句子向量，因此不使用词片进行训练。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="179"/>
        <source>A fine-tune teaches the sentence vector&apos;s classifier, not the word pieces: turn off Word pieces (--word-pieces) to fine-tune, or fine-tuning to keep them.</source>
        <translation>微调训练的是句子向量的分类器，而不是词片：要微调请关闭“词片”（--word-pieces），要保留词片请关闭微调。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="181"/>
        <source>The &apos;{0}&apos; model cannot be fine-tuned here: its PyTorch weights are not installed (Python package {1}).</source>
        <translation>“{0}”模型无法在此微调：未安装其 PyTorch 权重（Python 包 {1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="182"/>
        <source>Process {0} of this torchrun launch could not join the others: {1}</source>
        <translation>此 torchrun 启动中的进程 {0} 无法加入其他进程：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="183"/>
        <source>Process {0} of this torchrun launch stops: another process failed or was stopped ({1}). Its own message says why.</source>
        <translation>此 torchrun 启动中的进程 {0} 停止：另一个进程出错或被停止（{1}）。原因见该进程自己的消息。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="184"/>
        <source>Fine-tuning did not beat the first model on the validation images (none of its {0} epochs had a lower loss than epoch {1}), so the first model is kept.</source>
        <translation>微调在验证图片上没有胜过第一个模型（它的 {0} 轮都没有比第 {1} 轮的损失更低），因此保留第一个模型。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="185"/>
        <source>Unknown augmentation &apos;{0}&apos;. Choose from: {1}, or none.</source>
        <translation>未知的数据增强“{0}”。请从以下选择：{1}，或 none。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="186"/>
        <source>Flipping stays on: mirrored pictures were recognised as well as the originals ({0} % and {1} % right, on {2} sample pictures) and look like real ones.</source>
        <translation>左右镜像保持开启：镜像后的图片与原图识别得一样好（在 {2} 张样本图片上分别答对 {0}% 和 {1}%），看起来也像真实的图片。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="187"/>
        <source>Flipping is off: your pictures all face the same way (a picture could be told from its mirror image {0} % of the time, on {1} sample pictures), so mirrored copies would look unlike the real ones.</source>
        <translation>左右镜像已关闭：您的图片都朝同一个方向（在 {1} 张样本图片上，有 {0}% 的时候能分辨出图片和它的镜像），镜像副本会和真实图片不一样。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="188"/>
        <source>Flipping is off: mirrored pictures were recognised much worse ({0} % right before mirroring, {1} % after, on {2} sample pictures), so which way a picture faces matters here.</source>
        <translation>左右镜像已关闭：镜像后的图片识别得差很多（在 {2} 张样本图片上，镜像前答对 {0}%，镜像后 {1}%），说明图片的朝向在这里很重要。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="189"/>
        <source>Flipping is off: mirrored pictures were recognised much worse ({0} % right before mirroring, {1} % after, on {2} sample pictures; a mirrored &apos;{3}&apos; was often taken for &apos;{4}&apos;), so which way a picture faces matters here.</source>
        <translation>左右镜像已关闭：镜像后的图片识别得差很多（在 {2} 张样本图片上，镜像前答对 {0}%，镜像后 {1}%；镜像后的“{3}”常被认成“{4}”），说明图片的朝向在这里很重要。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="190"/>
        <source>Flipping stays on: too few pictures to measure whether mirroring changes what they show.</source>
        <translation>左右镜像保持开启：图片太少，无法测量镜像是否会改变图片的含义。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="191"/>
        <source>cannot store features in the cache {0} ({1}): training goes on without it, and they are computed again next time</source>
        <translation>无法将特征存入缓存 {0}（{1}）：训练将在没有缓存的情况下继续，下次会重新计算这些特征</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="203"/>
        <source>{0} classifies texts: heatmaps are for image models (use --text).</source>
        <translation>{0} 用于文本分类：热力图只适用于图片模型（请用 --text）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="204"/>
        <source>{0} classifies images: word weights are for text models.</source>
        <translation>{0} 用于图片分类：词权重只适用于文本模型。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="205"/>
        <source>{0} does not describe its preprocessing: no heatmap can be placed on the image.</source>
        <translation>{0} 没有说明其预处理方式：无法把热力图放到图片上。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="206"/>
        <source>Cannot write the heatmap {0}: {1}</source>
        <translation>无法写入热力图 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="210"/>
        <source>Chose {0}: {1} right on the validation images, against {2}.</source>
        <translation>选择了{0}：验证图片答对 {1}，而{2}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="211"/>
        <source>{0} for {1}</source>
        <translation>{1}为 {0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="212"/>
        <source>{0} + word pieces</source>
        <translation>{0} + 词片</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="213"/>
        <source>Chose {0}: {1} right on the validation images, as many as {2}, and more confident on them (validation loss {3} against {4}).</source>
        <translation>选择了{0}：验证图片答对 {1}，与{2}相同，但对答案更有把握（验证损失 {3}，对方为 {4}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="214"/>
        <source>Chose {0}: {1} right on the validation images, as many as {2}, and it is faster.</source>
        <translation>选择了{0}：验证图片答对 {1}，与{2}相同，而它更快。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="215"/>
        <source>Chose {0}: there are no validation images to compare the models on, so the fastest is kept.</source>
        <translation>选择了{0}：没有可用于比较模型的验证图片，因此保留最快的模型。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="216"/>
        <source>Chose {0}, the model recommended for this data: there is no other to compare it with.</source>
        <translation>选择了{0}，即推荐用于这些数据的模型：没有其他模型可与之比较。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="217"/>
        <source>{0}: {1} right on the validation images (validation loss {2}) in {3} s.</source>
        <translation>{0}：验证图片答对 {1}（验证损失 {2}），用时 {3} 秒。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="218"/>
        <source>Chose {0}: {1} right on the validation texts, against {2}.</source>
        <translation>选择了{0}：验证文本答对 {1}，而{2}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="219"/>
        <source>Chose {0}: {1} right on the validation texts, as many as {2}, and more confident on them (validation loss {3} against {4}).</source>
        <translation>选择了{0}：验证文本答对 {1}，与{2}相同，但对答案更有把握（验证损失 {3}，对方为 {4}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="220"/>
        <source>Chose {0}: {1} right on the validation texts, as many as {2}, and it is faster.</source>
        <translation>选择了{0}：验证文本答对 {1}，与{2}相同，而它更快。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="221"/>
        <source>Chose {0}: there are no validation texts to compare the models on, so the first is kept.</source>
        <translation>选择了{0}：没有可用于比较模型的验证文本，因此保留第一个模型。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="222"/>
        <source>{0}: {1} right on the validation texts (validation loss {2}) in {3} s.</source>
        <translation>{0}：验证文本答对 {1}（验证损失 {2}），用时 {3} 秒。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="223"/>
        <source>Chose {0}: the texts look {1}, and it is the only one of the models tried that is made for them.</source>
        <translation>选择了{0}：这些文本看起来是{1}，而它是可选模型中唯一适合这种文本的。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="224"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="225"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="226"/>
        <source>Japanese</source>
        <translation>日文</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="227"/>
        <source>Korean</source>
        <translation>韩文</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="228"/>
        <source>like a Latin-script language other than English</source>
        <translation>英文以外的拉丁字母语言</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="229"/>
        <source>Cyrillic (e.g. Russian)</source>
        <translation>西里尔字母语言（如俄文）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="230"/>
        <source>Arabic</source>
        <translation>阿拉伯文</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="231"/>
        <source>Greek</source>
        <translation>希腊文</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="232"/>
        <source>Hebrew</source>
        <translation>希伯来文</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="233"/>
        <source>Devanagari (e.g. Hindi)</source>
        <translation>天城文语言（如印地文）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="234"/>
        <source>Thai</source>
        <translation>泰文</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="235"/>
        <source>Fine-tuning will likely help: {0}.</source>
        <translation>微调很可能有帮助：{0}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="236"/>
        <source>the images are small ({0} × {1} pixels typically) next to the {2} pixels the model looks at</source>
        <translation>图片较小（通常为 {0} × {1} 像素），而模型看的是 {2} 像素</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="237"/>
        <source>most images are grey (like scans, X-rays or drawings), far from the colour photos the model learnt from</source>
        <translation>大多数图片是灰度的（如扫描件、X 光片或图画），与模型学习时用的彩色照片相差很远</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="238"/>
        <source>the ready-made models get only {0} of the validation images right</source>
        <translation>现成的模型只答对了 {0} 的验证图片</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="239"/>
        <source>the ready-made models get only {0} of the validation texts right</source>
        <translation>现成的模型只答对了 {0} 的验证文本</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="240"/>
        <source>the model gets {0} of the training images right but only {1} of the validation images</source>
        <translation>模型答对了 {0} 的训练图片，但只答对了 {1} 的验证图片</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="241"/>
        <source>the model gets {0} of the training texts right but only {1} of the validation texts</source>
        <translation>模型在训练文本上答对 {0}，在验证文本上只答对 {1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="269"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="270"/>
        <source>labelled &apos;{0}&apos; ({1} likely), but looks like &apos;{2}&apos; ({3} likely) to a model that never saw it</source>
        <translation>标为“{0}”（可能性 {1}），但在从未见过它的模型看来像“{2}”（可能性 {3}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="271"/>
        <source>relabel it as &apos;{0}&apos;</source>
        <translation>改标为“{0}”</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="272"/>
        <source>both &apos;{0}&apos;</source>
        <translation>都是“{0}”</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="273"/>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="274"/>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="275"/>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="276"/>
        <source>labelled &apos;{0}&apos; and &apos;{1}&apos;</source>
        <translation>分别标为“{0}”和“{1}”</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="277"/>
        <source>{0}: one copy in {1}, one in {2} ({3}); a copy in both makes the accuracy look better than it is</source>
        <translation>{0}：一份在{1}，一份在{2}（{3}）；两边都有同一张图会让准确率看起来比实际更好</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="278"/>
        <source>remove the copy in {0}</source>
        <translation>移除{0}中的副本</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="279"/>
        <source>{0}: the same picture or text twice ({1})</source>
        <translation>{0}：同一张图片或同一段文本出现了两次（{1}）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="280"/>
        <source>{0} alike</source>
        <translation>相似度 {0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="281"/>
        <source>{0} alike, {1} matching points in the same places</source>
        <translation>相似度 {0}，{1} 个匹配点位置一致</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="282"/>
        <source>remove one of the two</source>
        <translation>移除其中一个</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="283"/>
        <source>labelled &apos;{0}&apos; but unlike every class: {1} times as far from the nearest class as the typical item</source>
        <translation>标为“{0}”，但与每个类别都不像：离最近类别的距离是一般条目的 {1} 倍</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="284"/>
        <source>remove it if it is not a &apos;{0}&apos;</source>
        <translation>如果它不是“{0}”，就移除它</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="285"/>
        <source>&apos;{0}&apos; has {1} items; the median class has {2}</source>
        <translation>“{0}”有 {1} 个条目；中位数类别有 {2} 个</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="286"/>
        <source>collect about {0} more &apos;{1}&apos; images</source>
        <translation>再收集大约 {0} 张“{1}”的图片</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="287"/>
        <source>collect about {0} more &apos;{1}&apos; texts</source>
        <translation>再收集大约 {0} 条“{1}”的文本</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="288"/>
        <source>{0} x {1} pixels, far below the {2} x {2} the model looks at</source>
        <translation>{0} x {1} 像素，远小于模型查看的 {2} x {2}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="289"/>
        <source>use a larger picture, or remove this one</source>
        <translation>换一张更大的图片，或移除这一张</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="290"/>
        <source>Cannot open the camera or video {0} (is it connected, and not in use by another program?)</source>
        <translation>无法打开摄像头或视频 {0}（是否已连接，是否正被其他程序占用？）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="291"/>
        <source>Cannot save a camera frame in {0}</source>
        <translation>无法在 {0} 中保存摄像头画面</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="292"/>
        <source>Data health needs at least 2 classes with 2 items each; {0} has {1} items in {2} classes.</source>
        <translation>数据体检至少需要 2 个类别、每个类别至少 2 个条目；{0} 有 {1} 个条目，分属 {2} 个类别。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="173"/>
        <source>Training needs at least two classes with usable images in the training set (found: {0}). Add a sub-folder of images for each class.</source>
        <translation>训练集中至少需要两个有可用图像的类别（只找到：{0}）。请为每个类别添加一个图像子文件夹。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="174"/>
        <source>Training needs at least two classes with usable texts in the training set (found: {0}). Give each class some example texts.</source>
        <translation>训练集中至少需要两个有可用文本的类别（只找到：{0}）。请为每个类别提供一些示例文本。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="175"/>
        <source>These classes have no usable training images: {0}.</source>
        <translation>以下类别没有可用的训练图像：{0}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="176"/>
        <source>These classes have no usable training texts: {0}.</source>
        <translation>以下类别没有可用的训练文本：{0}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="193"/>
        <source>{0}: unknown format {1}.</source>
        <translation>{0}：未知的格式 {1}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="194"/>
        <source>{0} is damaged: {1}</source>
        <translation>{0} 已损坏：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="195"/>
        <source>Unknown backbone &apos;{0}&apos;. Choose one of: {1}.</source>
        <translation>未知的基础模型“{0}”。可选的有：{1}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="197"/>
        <source>The &apos;{0}&apos; model is not built yet. Run: desktop-app models --build</source>
        <translation>“{0}”模型尚未构建。请运行：desktop-app models --build</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="199"/>
        <source>The &apos;{0}&apos; tokenizer is not built yet. Run: desktop-app models --build</source>
        <translation>“{0}”分词器尚未构建。请运行：desktop-app models --build</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="200"/>
        <source>The model file must end in .onnx: {0}</source>
        <translation>模型文件名必须以 .onnx 结尾：{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="201"/>
        <source>The exported model disagrees with the trained one by {0} (&gt; {1}).</source>
        <translation>导出的模型与训练得到的模型相差 {0}（&gt; {1}）。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="202"/>
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="122"/>
        <source>{0} is already quantized to INT8; quantize its float model.</source>
        <translation>{0} 已经量化为 INT8；请对它的浮点模型进行量化。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="114"/>
        <source>{0}: unknown task {1} in its metadata.</source>
        <translation>{0}：元数据中的任务 {1} 未知。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="123"/>
        <source>This image model has no &apos;pixels&apos; joint after its preprocessing.</source>
        <translation>此图像模型在预处理之后没有“pixels”衔接点。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="171"/>
        <source>The &apos;{0}&apos; model reads {1}s; this dataset holds {2}s.</source>
        <translation>“{0}”模型读取{1}；此数据集包含的是{2}。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="196"/>
        <source>No default backbone for task &apos;{0}&apos;.</source>
        <translation>任务“{0}”没有默认的骨干模型。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="198"/>
        <source>&apos;{0}&apos; is not a text backbone</source>
        <translation>“{0}”不是文本骨干模型</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="207"/>
        <source>No training images to calibrate the INT8 model on: give the images it was trained on.</source>
        <translation>没有可用于校准 INT8 模型的训练图像：请提供训练该模型时使用的图像。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="208"/>
        <source>None of the calibration images could be read.</source>
        <translation>所有校准图像都无法读取。</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="209"/>
        <source>Quantization failed: {0}</source>
        <translation>量化失败：{0}</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="242"/>
        <source>an image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="243"/>
        <source>a text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="244"/>
        <source>macOS folder settings</source>
        <translation>macOS 文件夹设置</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="245"/>
        <source>macOS folder name translations</source>
        <translation>macOS 文件夹名称翻译</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="246"/>
        <source>macOS folder icon</source>
        <translation>macOS 文件夹图标</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="247"/>
        <source>macOS extra data for {0}</source>
        <translation>{0} 的 macOS 附加数据</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="248"/>
        <source>Windows thumbnail cache</source>
        <translation>Windows 缩略图缓存</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="249"/>
        <source>Windows folder settings</source>
        <translation>Windows 文件夹设置</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="250"/>
        <source>KDE folder settings</source>
        <translation>KDE 文件夹设置</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="251"/>
        <source>a {0} file</source>
        <translation>{0} 文件</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="252"/>
        <source>unrecognised content</source>
        <translation>无法识别的内容</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="253"/>
        <source>a PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="254"/>
        <source>a JPEG image</source>
        <translation>JPEG 图像</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="255"/>
        <source>a GIF image</source>
        <translation>GIF 图像</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="256"/>
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="257"/>
        <source>an Excel workbook or another ZIP archive (save it as CSV)</source>
        <translation>Excel 工作簿或其他 ZIP 压缩包（请另存为 CSV）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="258"/>
        <source>an old Excel or Office file (save it as CSV)</source>
        <translation>旧版 Excel 或 Office 文件（请另存为 CSV）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="259"/>
        <source>binary data</source>
        <translation>二进制数据</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="260"/>
        <source>UTF-8 (with BOM)</source>
        <translation>UTF-8（带 BOM）</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="261"/>
        <source>semicolon-separated</source>
        <translation>分号分隔</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="262"/>
        <source>pipe-separated</source>
        <translation>竖线分隔</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="263"/>
        <source>{0}-separated</source>
        <translation>{0} 分隔</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="264"/>
        <source>with a header</source>
        <translation>有表头</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="265"/>
        <source>without a header</source>
        <translation>无表头</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="266"/>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="267"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="268"/>
        <source>image or text</source>
        <translation>图像或文本</translation>
    </message>
    <message>
        <location filename="../../build/core_strings.py" line="39"/>
        <source>and {0} more</source>
        <translation>另有 {0} 个</translation>
    </message>
</context>
<context>
    <name>CrossValidationCheck</name>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="64"/>
        <source>Check with cross-validation</source>
        <translation>用交叉验证检查</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="67"/>
        <source>Train {0} more models, each on a different part of the data and tested on the rest, to see how much the figures above depend on which examples were held out. Uses the saved features: usually seconds.</source>
        <translation>再训练 {0} 个模型，每个用数据的不同部分训练、在其余部分上测试，看看上面的数字在多大程度上取决于留出了哪些样本。使用已保存的特征：通常只需几秒。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="105"/>
        <source>Too few items to split {0} ways: add more and train again.</source>
        <translation>数据太少，无法分成 {0} 份：请添加更多数据后重新训练。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="114"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="124"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="147"/>
        <source>Training {0} models…</source>
        <translation>正在训练 {0} 个模型…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="150"/>
        <source>Reading the data…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="166"/>
        <source>Across {0} different splits, accuracy was {1} % ± {2} and macro-F1 {3} % ± {4}.</source>
        <translation>在 {0} 种不同的划分下，准确率为 {1} % ± {2}，宏 F1 为 {3} % ± {4}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="175"/>
        <source>The splits agree: the figures above are a fair estimate.</source>
        <translation>各划分结果一致：上面的数字是可靠的估计。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="178"/>
        <source>The splits differ by several points: the figures above are rough; more examples would make them steadier.</source>
        <translation>各划分结果相差几个百分点：上面的数字比较粗略；更多样本会让它们更稳定。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="182"/>
        <source>Accuracy of each split: {0}.</source>
        <translation>每种划分的准确率：{0}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="186"/>
        <source>Split {0}: accuracy {1} %, macro-F1 {2} % ({3} held out)</source>
        <translation>划分 {0}：准确率 {1} %，宏 F1 {2} %（留出 {3} 个）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="193"/>
        <source>Cross-validation failed: {0}</source>
        <translation>交叉验证失败：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/crossval.py" line="195"/>
        <source>Cross-validation was cancelled.</source>
        <translation>交叉验证已取消。</translation>
    </message>
</context>
<context>
    <name>CurvePage</name>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="117"/>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="135"/>
        <source>How well the model ranks the examples of a class above the others, at every threshold. Up and to the left is better; the area under the curve (AUC) is 1.0 for a perfect ranking and 0.5 for guessing (the dashed line).</source>
        <translation>模型在各个阈值下，把某一类的样本排在其他样本前面的能力。越靠左上越好；曲线下面积（AUC）完美排序时为 1.0，随机猜测时为 0.5（虚线）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="141"/>
        <source>wrongly flagged: share of the other classes</source>
        <translation>误报：其他类别中被选中的比例</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="142"/>
        <source>found: share of the class</source>
        <translation>找到：本类中被找到的比例</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="149"/>
        <source>Of the examples the model puts in a class, how many really belong there (precision), as it finds more of them (recall). Up and to the right is better; average precision (AP) is 1.0 at best.</source>
        <translation>模型归入某一类的样本中，有多少真正属于该类（精确率），随着它找到更多该类样本（召回率）而变化。越靠右上越好；平均精确率（AP）最高为 1.0。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="155"/>
        <source>recall: share of the class found</source>
        <translation>召回率：本类中被找到的比例</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="156"/>
        <source>precision: share right</source>
        <translation>精确率：判断正确的比例</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="172"/>
        <source>All classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="183"/>
        <source>With this many classes the run keeps only each example&apos;s best guesses, so these curves cannot be drawn.</source>
        <translation>类别这么多时，本次训练只保留每个样本最可能的几个类别，因此无法绘制这些曲线。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="191"/>
        <source>Macro ROC AUC {0} (every class counts the same)</source>
        <translation>宏平均 ROC AUC {0}（每个类别权重相同）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="195"/>
        <source>Macro average precision {0} (every class counts the same)</source>
        <translation>宏平均精确率（AP）{0}（每个类别权重相同）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="262"/>
        <source>Pick a class to see its curve and its area.</source>
        <translation>选择一个类别以查看它的曲线和面积。</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../../desktop_app/gui/panels/data/common.py" line="52"/>
        <source>Warning: {0}</source>
        <translation>警告：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/common.py" line="67"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/common.py" line="328"/>
        <source>Data health…</source>
        <translation>数据体检…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="88"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="107"/>
        <source>Drop a folder of images here</source>
        <translation>将图片文件夹拖放到此处</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="109"/>
        <source>Put the images of each class in their own sub-folder (for example flowers/rose, flowers/tulip) and drop the parent folder; train/val/test folders are kept.</source>
        <translation>将每个类别的图片放在各自的子文件夹中（例如 flowers/rose、flowers/tulip），然后拖放上级文件夹；train/val/test 文件夹的划分会被保留。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="125"/>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="151"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="128"/>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="152"/>
        <source>Add images…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="147"/>
        <source>Drop a folder of images here — one sub-folder per class</source>
        <translation>将图片文件夹拖放到此处——每个类别一个子文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="149"/>
        <source>train/val/test folders are kept · or drop image files, then choose their class</source>
        <translation>保留 train/val/test 文件夹划分 · 也可拖放图片文件，再选择其类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/common.py" line="84"/>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="181"/>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="670"/>
        <source>Add class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="183"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="184"/>
        <source>Rename the selected class (F2)</source>
        <translation>重命名所选类别（F2）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="186"/>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="693"/>
        <source>Delete class</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="209"/>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="311"/>
        <source>Move to class…</source>
        <translation>移到类别…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="211"/>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="307"/>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="727"/>
        <source>Remove from project</source>
        <translation>从项目中移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="214"/>
        <source>Remove the selected images from the project (Delete); files stay on disk</source>
        <translation>从项目中移除所选图片（Delete）；磁盘上的文件保留</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="219"/>
        <source>Find labels that are probably wrong, the same picture twice, pictures unlike every class, classes with too few images and pictures too small (Ctrl+H)</source>
        <translation>查找可能标错的标签、重复出现的同一张图片、与所有类别都不像的图片、图片太少的类别以及太小的图片（Ctrl+H）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="223"/>
        <source>Label new images…</source>
        <translation>标注新图片…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="226"/>
        <source>Choose a folder of new, unlabelled images: the model suggests a label for each, the least sure first; keys 1–9 and Enter answer (needs a trained model)</source>
        <translation>选择一个装有未标注新图片的文件夹：模型为每张图片建议一个标签，最没把握的排在最前；用 1–9 键和 Enter 键作答（需要已训练的模型）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="233"/>
        <source>Camera…</source>
        <translation>摄像头…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="235"/>
        <source>Collect examples with the computer&apos;s camera: hold a button to record frames</source>
        <translation>用电脑的摄像头收集样例：按住按钮即可录制画面</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="277"/>
        <source>Choose a folder of new, unlabelled images</source>
        <translation>选择一个装有未标注新图片的文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="295"/>
        <source>Files that could not be used; they are not part of the project.</source>
        <translation>无法使用的文件；它们不属于项目。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="299"/>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="326"/>
        <source>%n images · train {0} / val {1} / test {2}</source>
        <translation>
            <numerusform>%n 张图片 · 训练 {0} / 验证 {1} / 测试 {2}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="357"/>
        <source>{0} · %n images</source>
        <translation>
            <numerusform>{0} · %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="509"/>
        <source>{0} in %n classes ({1} skipped)</source>
        <translation>
            <numerusform>{0}，共 %n 个类别（跳过 {1} 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="510"/>
        <source>Added %n images</source>
        <translation>
            <numerusform>已添加 %n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="513"/>
        <source>; %n were already in the project</source>
        <translation>
            <numerusform>；%n 张已在项目中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="617"/>
        <source>Deleted class {0} (%n images removed from the project)</source>
        <translation>
            <numerusform>已删除类别 {0}（从项目中移除了 %n 张图片）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="638"/>
        <source>Moved %n images to {0}</source>
        <translation>
            <numerusform>已将 %n 张图片移到 {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="652"/>
        <source>Removed %n images from the project (files on disk are unchanged)</source>
        <translation>
            <numerusform>已从项目中移除 %n 张图片（磁盘上的文件未改动）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="296"/>
        <source>No files were skipped: every image was usable.</source>
        <translation>没有跳过任何文件：所有图片都可用。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="316"/>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="680"/>
        <source>Rename class</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/common.py" line="127"/>
        <source>All classes  ({0})</source>
        <translation>全部类别  （{0}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="325"/>
        <source>Too few images: add at least 5, better 20+.</source>
        <translation>图片太少：至少添加 5 张，最好 20 张以上。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="327"/>
        <source>Too few images in {0}: add at least 5 per class, better 20+.</source>
        <translation>{0} 中的图片太少：每个类别至少 5 张，最好 20 张以上。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="348"/>
        <source>{0}
Class: {1} · split: {2}</source>
        <translation>{0}
类别：{1} · 划分：{2}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="356"/>
        <source>All classes</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="361"/>
        <source>No images in this class yet. Drop image files above, then choose “{0}”.</source>
        <translation>此类别还没有图片。将图片文件拖放到上方，然后选择“{0}”。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="364"/>
        <source>No images yet. Drop a folder above, or add images with the buttons.</source>
        <translation>还没有图片。将文件夹拖放到上方，或用按钮添加图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="331"/>
        <source>Skipped files ({0})</source>
        <translation>跳过的文件（{0}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="414"/>
        <source>{0} selected</source>
        <translation>已选择 {0} 项</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="426"/>
        <source>Choose a folder with one sub-folder of images per class</source>
        <translation>选择一个文件夹（每个类别一个图片子文件夹）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="436"/>
        <source>Choose images of one class</source>
        <translation>选择同一类别的图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="438"/>
        <source>Images ({0})</source>
        <translation>图片 ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="451"/>
        <source>Choose the class</source>
        <translation>选择类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="452"/>
        <source>Which class do these {0} images show? Pick one or type a new name:</source>
        <translation>这 {0} 张图片属于哪个类别？请选择一个或输入新名称：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="472"/>
        <source>An import is already running; wait for it or cancel it.</source>
        <translation>已有导入正在进行；请等待其完成或将其取消。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="490"/>
        <source>Looking for images…</source>
        <translation>正在查找图片…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/common.py" line="432"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="495"/>
        <source>Scanning {0}…</source>
        <translation>正在扫描 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/common.py" line="443"/>
        <source>Import cancelled; nothing was added.</source>
        <translation>导入已取消；未添加任何内容。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="526"/>
        <source>Import failed: {0}</source>
        <translation>导入失败：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="527"/>
        <source>Nothing was imported</source>
        <translation>未导入任何内容</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/notices.py" line="65"/>
        <source>The same picture is in more than one class, so its labels contradict each other. Both copies were kept: remove the one in the wrong class.</source>
        <translation>同一张图片出现在多个类别中，它的标签相互矛盾。两份都已保留：请移除放错类别的那一份。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/notices.py" line="73"/>
        <source>…and {0} more pictures like these.</source>
        <translation>……还有 {0} 张这样的图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/common.py" line="47"/>
        <source>Note: {0}</source>
        <translation>说明：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/notices.py" line="31"/>
        <source>{0} in class “{1}”</source>
        <translation>{0}（类别“{1}”）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="575"/>
        <source>Cannot do that</source>
        <translation>无法执行此操作</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="670"/>
        <source>Name of the class:</source>
        <translation>类别名称：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="680"/>
        <source>New name for {0}:</source>
        <translation>{0} 的新名称：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="695"/>
        <source>Delete the class {0} and remove its {1} images from the project?

The image files on disk are not deleted.</source>
        <translation>删除类别 {0} 并从项目中移除其 {1} 张图片吗？

磁盘上的图片文件不会被删除。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="710"/>
        <source>Move to class</source>
        <translation>移到类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="711"/>
        <source>Move {0} images to the class (pick one or type a new name):</source>
        <translation>将 {0} 张图片移到类别（选择一个或输入新名称）：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/image_page.py" line="729"/>
        <source>Remove {0} images from the project?

The image files on disk are not deleted.</source>
        <translation>从项目中移除 {0} 张图片吗？

磁盘上的图片文件不会被删除。</translation>
    </message>
</context>
<context>
    <name>EvaluatePanel</name>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="25"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="28"/>
        <source>{0} min {1} s</source>
        <translation>{0} 分 {1} 秒</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="30"/>
        <source>{0} h {1} min</source>
        <translation>{0} 小时 {1} 分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="92"/>
        <source>Train a model first (tab 2) to see how well it does.</source>
        <translation>请先训练模型（第 2 页），再查看其效果。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="97"/>
        <source>After training, this tab shows how often the model is right on images it never saw, which classes it mixes up, and lets you fix wrongly labelled images.</source>
        <translation>训练完成后，此页显示模型在从未见过的图片上的准确程度、容易混淆哪些类别，并可修正标错的图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="159"/>
        <source>Confusion</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="160"/>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="161"/>
        <source>Precision–recall</source>
        <translation>精确率–召回率</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="162"/>
        <source>Reliability</source>
        <translation>可靠性</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="163"/>
        <source>Sure enough?</source>
        <translation>够有把握吗？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="166"/>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="191"/>
        <source>What the model mixes up</source>
        <translation>模型混淆了什么</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="167"/>
        <source>How well it ranks each class above the others</source>
        <translation>它把每个类别排在其他类别前面的能力</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="168"/>
        <source>How many of the examples it puts in a class belong there</source>
        <translation>它归入某一类的样本中有多少真正属于该类</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="169"/>
        <source>Whether “90 % sure” means right 9 times in 10</source>
        <translation>“90 % 把握”是否意味着十次对九次</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="170"/>
        <source>Answer only when at least this sure; “not sure” below</source>
        <translation>仅在至少有这么大把握时回答；低于它时回答“不确定”</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="214"/>
        <source>Rows are the real class, columns what the model said. Blue: right; orange: mistakes. Click a cell to see its images.</source>
        <translation>行是真实类别，列是模型的预测。蓝色：正确；橙色：错误。点击单元格可查看对应图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="232"/>
        <source>Per class</source>
        <translation>各类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="43"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="44"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="45"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="46"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="209"/>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="47"/>
        <source>Images</source>
        <translation>图片数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="55"/>
        <source>The class name. Double-click a row to see the images it got right.</source>
        <translation>类别名称。双击某行可查看预测正确的图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="59"/>
        <source>Of the images the model called this class, the share that really are.</source>
        <translation>在模型判为此类别的图片中，真正属于此类别的比例。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="63"/>
        <source>Of the images of this class, the share the model found.</source>
        <translation>在此类别的图片中，被模型找出的比例。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="64"/>
        <source>The balance of precision and recall: one number per class.</source>
        <translation>精确率与召回率的综合：每个类别一个数值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="67"/>
        <source>How many evaluation images of this class there are.</source>
        <translation>此类别参与评估的图片数。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="246"/>
        <source>All mistakes</source>
        <translation>全部错误</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="248"/>
        <source>List every wrongly predicted image, most confident mistakes first.</source>
        <translation>列出所有预测错误的图片，置信度最高的错误排在前面。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="219"/>
        <source>Click a cell of the matrix, or “All mistakes”, to see the images behind it.</source>
        <translation>点击矩阵中的单元格或“全部错误”，查看对应的图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="267"/>
        <location filename="../../desktop_app/gui/panels/evaluate/mistakes_dialog.py" line="69"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="268"/>
        <location filename="../../desktop_app/gui/panels/evaluate/mistakes_dialog.py" line="70"/>
        <source>True → predicted</source>
        <translation>真实 → 预测</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="269"/>
        <location filename="../../desktop_app/gui/panels/evaluate/mistakes_dialog.py" line="71"/>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="210"/>
        <source>Selected image</source>
        <translation>所选图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="211"/>
        <source>Select an image to see what the model thought.</source>
        <translation>选择一张图片，查看模型的判断。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="291"/>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="486"/>
        <source>Relabel</source>
        <translation>重新标注</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="294"/>
        <source>The model is right and the label is wrong: move the image to that class.</source>
        <translation>模型是对的、标签是错的：把图片移到该类别。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="299"/>
        <source>Relabel as…</source>
        <translation>重新标注为…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="308"/>
        <source>Retrain to update these numbers.</source>
        <translation>重新训练以更新这些数字。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="312"/>
        <source>Double-click an image to open it.</source>
        <translation>双击图片可将其打开。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="318"/>
        <source>Texts</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="326"/>
        <source>Click a cell of the matrix, or “All mistakes”, to see the texts behind it.</source>
        <translation>点击矩阵中的一个格子，或“全部错误”，查看其中的文本。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="390"/>
        <source>This run did not keep its test images, so cells cannot be opened.</source>
        <translation>此次训练未保留测试图片，因此无法打开单元格。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="319"/>
        <source>Selected text</source>
        <translation>选中的文本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="321"/>
        <source>Rows are the real class, columns what the model said. Blue: right; orange: mistakes. Click a cell to see its texts.</source>
        <translation>行是真实类别，列是模型的判断。蓝色：正确；橙色：错误。点击格子查看其中的文本。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="341"/>
        <source>on {0} test texts the model never saw during training</source>
        <translation>基于训练时从未见过的 {0} 条测试文本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="344"/>
        <source>on {0} validation texts (they picked the best epoch, so expect a little lower in use)</source>
        <translation>基于 {0} 条验证文本（它们用于挑选最佳轮次，实际使用时可能略低）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="234"/>
        <source>on {0} test images the model never saw during training</source>
        <translation>基于 {0} 张训练时从未见过的测试图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="141"/>
        <source>Why? Show where the model looked</source>
        <translation>为什么？显示模型看了哪里</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="142"/>
        <source>Draw over each image the parts that made the model give its answer (red).</source>
        <translation>在每张图片上标出让模型给出答案的部分（红色）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="237"/>
        <source>on {0} validation images (they picked the best epoch, so expect a little lower in use)</source>
        <translation>基于 {0} 张验证图片（它们用于挑选最佳轮次，实际使用时可能略低）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="349"/>
        <source>Excellent: the model gets almost every text right.</source>
        <translation>优秀：模型几乎每条文本都判断正确。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="241"/>
        <source>Excellent: the model gets almost every image right.</source>
        <translation>优秀：模型几乎每张图片都判断正确。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="352"/>
        <source>Good: it gets most texts right. The matrix shows what it still mixes up.</source>
        <translation>良好：大多数文本判断正确。矩阵显示它仍会混淆的地方。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="244"/>
        <source>Good: it gets most images right. The matrix shows what it still mixes up.</source>
        <translation>良好：大多数图片判断正确。矩阵显示了它仍会混淆的地方。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="50"/>
        <source>Fair: usable for a first try, but it makes many mistakes. More or cleaner examples of the weak classes usually help.</source>
        <translation>一般：初步可用，但错误较多。为较弱的类别补充更多或更干净的样例通常会有帮助。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="56"/>
        <source>Weak: it often gets it wrong. Check the labels of the mistakes and add more varied examples.</source>
        <translation>较差：经常判断错误。请检查出错图片的标签，并添加更多样的样例。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="61"/>
        <source>About as good as guessing: the classes may look too alike, or there are too few examples.</source>
        <translation>与随机猜测差不多：各类别可能太相似，或样例太少。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="106"/>
        <source>accuracy {0}</source>
        <translation>准确率（{0}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="112"/>
        <source>macro-F1: every class counts the same, big or small</source>
        <translation>宏平均 F1：每个类别权重相同，不论大小</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="116"/>
        <source>Only {0} images were tested, so these numbers are rough.</source>
        <translation>只测试了 {0} 张图片，这些数字仅供粗略参考。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="125"/>
        <source>Model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="356"/>
        <source>{0} epochs (best: {1}) · trained on {2} texts in {3}</source>
        <translation>{0} 轮（最佳：{1}）· 用 {2} 条文本训练，耗时 {3}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="248"/>
        <source>{0} epochs (best: {1}) · trained on {2} images in {3}</source>
        <translation>{0} 轮（最佳：第 {1} 轮）· 用 {2} 张图片训练，耗时 {3}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/summary.py" line="131"/>
        <source>Run {0}</source>
        <translation>训练 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="111"/>
        <source>The weakest class: its F1 is the lowest.</source>
        <translation>最弱的类别：其 F1 最低。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/class_table.py" line="118"/>
        <source>{0}  (weakest)</source>
        <translation>{0}  （最弱）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="330"/>
        <source>{0} &apos;{1}&apos; texts recognised correctly</source>
        <translation>{0} 条“{1}”文本被正确识别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="332"/>
        <source>Least confident first: the hardest texts the model still got right.</source>
        <translation>最不确定的排在前面：模型勉强答对的最难文本。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="331"/>
        <source>{0} &apos;{1}&apos; texts predicted as &apos;{2}&apos;</source>
        <translation>{0} 条“{1}”文本被预测为“{2}”</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="336"/>
        <source>Most confident mistakes first: often these are wrongly labelled. If the model is right, relabel the text.</source>
        <translation>最自信的错误排在前面：这些往往是标注错误。如果模型是对的，请重新标注该文本。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="223"/>
        <source>{0} &apos;{1}&apos; images recognised correctly</source>
        <translation>{0} 张“{1}”图片识别正确</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="225"/>
        <source>Least confident first: the hardest images the model still got right.</source>
        <translation>置信度最低的排在前面：模型虽然答对、但最难判断的图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="224"/>
        <source>{0} &apos;{1}&apos; images predicted as &apos;{2}&apos;</source>
        <translation>{0} 张“{1}”图片被预测为“{2}”</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="229"/>
        <source>Most confident mistakes first: often these are wrongly labelled. If the model is right, relabel the image.</source>
        <translation>置信度最高的错误排在前面：这些往往是标错的。如果模型是对的，请重新标注该图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="452"/>
        <source>All {0} mistakes</source>
        <translation>全部 {0} 个错误</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="454"/>
        <source>Most confident mistakes first: often these are wrongly labelled.</source>
        <translation>置信度最高的错误排在前面：这些往往是标错的。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="60"/>
        <source>{0} → {1}  {2} %</source>
        <translation>{0} → {1}  {2} %</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="190"/>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="299"/>
        <source>✓ now {0} · was {1}</source>
        <translation>✓ 现为 {0} · 原为 {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="62"/>
        <source>true: {0} · predicted: {1} ({2} %)</source>
        <translation>真实：{0} · 预测：{1}（{2} %）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="320"/>
        <source>Select a text to see what the model thought.</source>
        <translation>选择一条文本，查看模型的判断。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="384"/>
        <source>{0} classes are too many to draw the matrix: open a class in the table, or list all mistakes.</source>
        <translation>{0} 个类别太多，无法绘制矩阵：请在表格中打开某个类别，或列出所有错误。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="497"/>
        <source>(+{0} more selected)</source>
        <translation>（另选了 {0} 张）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="498"/>
        <source>Labelled: {0}</source>
        <translation>标注：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="501"/>
        <source>Now: {0}</source>
        <translation>现为：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="503"/>
        <source>The model&apos;s top {0}:</source>
        <translation>模型的前 {0} 个判断：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="513"/>
        <source>Relabel as &apos;{0}&apos;</source>
        <translation>重新标注为“{0}”</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/panel.py" line="573"/>
        <source>Nothing to relabel: the image already has that class or left the project.</source>
        <translation>无需重新标注：图片已属于该类别或已不在项目中。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="359"/>
        <source>Relabelled {0} text(s). Retrain to update these numbers.</source>
        <translation>已重新标注 {0} 条文本。重新训练以更新这些数字。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="251"/>
        <source>Relabelled {0} image(s). Retrain to update these numbers.</source>
        <translation>已重新标注 {0} 张图片。重新训练以更新这些数字。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/job_row.py" line="22"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="57"/>
        <source>true: {0} · predicted: {1}</source>
        <translation>真实：{0} · 预测：{1}</translation>
    </message>
</context>
<context>
    <name>FeatureMapView</name>
    <message>
        <location filename="../../desktop_app/gui/widgets/feature_map.py" line="69"/>
        <source>The map appears as soon as the first items are read.</source>
        <translation>读取到第一批数据后，这里就会显示分布图。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/feature_map.py" line="91"/>
        <source>Each dot is one text, placed by what the chosen model reads in it. Classes that form separate clouds will be easy to tell apart; mixed clouds are hard.</source>
        <translation>每个点是一条文本，位置取决于所选模型从中读到的内容。各自成团的类别容易区分；混在一起的类别较难区分。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/feature_map.py" line="96"/>
        <source>Each dot is one image, placed by what the chosen model sees in it. Classes that form separate clouds will be easy to tell apart; mixed clouds are hard.</source>
        <translation>每个点是一张图片，位置取决于所选模型在其中看到的内容。各自成团的类别容易区分；混在一起的类别较难区分。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/widgets/feature_map.py" line="165"/>
        <source>and %n more</source>
        <translation>
            <numerusform>以及另外 %n 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FindingRow</name>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="78"/>
        <source>Keep as it is</source>
        <translation>保持原样</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="79"/>
        <source>Leave it and do not show this finding again</source>
        <translation>不做更改，并且不再显示这一项</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="86"/>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
</context>
<context>
    <name>FineTuneSection</name>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="62"/>
        <source>about {0} s</source>
        <translation>约 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="66"/>
        <source>about {0} h {1} min</source>
        <translation>约 {0} 小时 {1} 分钟</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="70"/>
        <source>about {0}–{1} min</source>
        <translation>约 {0}–{1} 分钟</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="72"/>
        <source>about {0} min</source>
        <translation>约 {0} 分钟</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="99"/>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="176"/>
        <source>Varied copies for fine-tuning</source>
        <translation>微调用的变化副本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="105"/>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="211"/>
        <source>Checking which changes suit your images…</source>
        <translation>正在检查哪些变化适合您的图片…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="111"/>
        <source>Crop and zoom</source>
        <translation>裁剪并放大</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="111"/>
        <source>A random part of the image, enlarged</source>
        <translation>图片中随机的一部分，放大后使用</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="113"/>
        <source>Mirror left–right</source>
        <translation>左右镜像</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="114"/>
        <source>Half of the images mirrored; off when which way they face matters</source>
        <translation>一半图片做镜像；当图片朝向会改变含义时关闭</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="116"/>
        <source>Turn a little</source>
        <translation>稍微旋转</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="116"/>
        <source>Up to 10 degrees either way</source>
        <translation>向左或向右最多 10 度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="118"/>
        <source>Change colours</source>
        <translation>改变颜色</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="119"/>
        <source>Brightness, contrast and saturation a little different</source>
        <translation>亮度、对比度和饱和度略有不同</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="150"/>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="258"/>
        <source>Preparing a preview…</source>
        <translation>正在准备预览…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="154"/>
        <source>Shuffle</source>
        <translation>换一组</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="155"/>
        <source>Other images, other random changes</source>
        <translation>换其他图片和其他随机变化</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="176"/>
        <source>Fine-tuning your texts</source>
        <translation>微调您的文本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="212"/>
        <source>Estimating how long fine-tuning takes…</source>
        <translation>正在估算微调所需时间…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="273"/>
        <source>Estimating how long fine-tuning takes… ({0}/{1})</source>
        <translation>正在估算微调所需时间…（{0}/{1}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="285"/>
        <source>Fine-tuning: a short one on this data (a few steps).</source>
        <translation>微调：在这份数据上很快（只需几步）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="290"/>
        <source>Fine-tuning: {0} on this computer (measured with your images).</source>
        <translation>微调：在这台电脑上{0}（用您的图片实测）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="296"/>
        <source>Measured by running the model&apos;s top layers on a few of your texts for a few steps, then scaled to all of them. The quick training before it is not included.</source>
        <translation>先用您的几条文本让模型的上层实际运行几步来测量，再按您的全部文本推算。之前的快速训练不计在内。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="301"/>
        <source>Measured by fine-tuning a few images for a few steps, then scaled to all of yours. The shorter time if it stops early, when the model stops improving.</source>
        <translation>先用几张图片实际微调几步来测量，再按您的全部图片推算。如果模型不再进步而提前结束，则用时较短。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="307"/>
        <source>Could not estimate the time: {0}</source>
        <translation>无法估算时间：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="335"/>
        <source>What training sees: your images with the changes ticked above.</source>
        <translation>训练时看到的样子：您的图片加上上面勾选的变化。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/augment_section.py" line="337"/>
        <source>No changes ticked: training sees your images as they are.</source>
        <translation>未勾选任何变化：训练时使用原样的图片。</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="18"/>
        <source>Classifier Studio guide</source>
        <translation>Classifier Studio 使用指南</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="33"/>
        <source>Three steps</source>
        <translation>三个步骤</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="36"/>
        <source>&lt;b&gt;1 · Data&lt;/b&gt;: drop a folder with one sub-folder of images per class (or a table of texts with their labels). Files that cannot be used are listed with the reason; nothing else is changed.</source>
        <translation>&lt;b&gt;1 · 数据&lt;/b&gt;：拖入一个文件夹，每个类别一个图片子文件夹（或一个带标签的文本表格）。无法使用的文件会连同原因一起列出；其他内容不会被改动。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="41"/>
        <source>&lt;b&gt;2 · Train&lt;/b&gt;: choose a model (the recommended one is a good start) and press Start. Most image and text projects train in seconds.</source>
        <translation>&lt;b&gt;2 · 训练&lt;/b&gt;：选择一个模型（推荐的模型是不错的起点），然后点击“开始训练”。大多数图片和文本项目几秒钟就能训练完。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="45"/>
        <source>&lt;b&gt;3 · Evaluate&lt;/b&gt;, then &lt;b&gt;4 · Predict &amp;amp; Export&lt;/b&gt;: see what the model gets right and wrong, try it on new images or texts, and export one .onnx file that runs anywhere.</source>
        <translation>&lt;b&gt;3 · 评估&lt;/b&gt;，然后 &lt;b&gt;4 · 预测 &amp;amp; 导出&lt;/b&gt;：查看模型哪些判断对、哪些错，用新的图片或文本试一试，并导出一个可在任何地方运行的 .onnx 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="52"/>
        <source>How to lay out your data</source>
        <translation>如何组织数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="55"/>
        <source>Images: &lt;tt&gt;flowers/rose/*.jpg&lt;/tt&gt;, &lt;tt&gt;flowers/tulip/*.jpg&lt;/tt&gt;… The folder names become the classes. Folders named train, val and test (each with the class folders inside) are kept as they are; otherwise 20 % of the images are held out for validation.</source>
        <translation>图片：&lt;tt&gt;flowers/rose/*.jpg&lt;/tt&gt;、&lt;tt&gt;flowers/tulip/*.jpg&lt;/tt&gt;……文件夹名就是类别名。名为 train、val 和 test 的文件夹（其中各含类别文件夹）会按原样保留；否则留出 20 % 的图片用于验证。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="61"/>
        <source>Texts: a CSV, TSV or TXT file with a text column and a label column (the app finds them and shows a preview you can correct), or a folder with one sub-folder of .txt files per class.</source>
        <translation>文本：一个包含文本列和标签列的 CSV、TSV 或 TXT 文件（应用会自动找到这两列，并显示可修改的预览），或一个文件夹，每个类别一个 .txt 文件子文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="66"/>
        <source>At least two classes, and a few examples of each; 20 or more per class usually give a useful model.</source>
        <translation>至少需要两个类别，每个类别若干样本；每类 20 个以上通常就能得到有用的模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="72"/>
        <source>What the numbers mean</source>
        <translation>各项数字的含义</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="75"/>
        <source>&lt;b&gt;Accuracy&lt;/b&gt;: the share of held-out items (never seen in training) that the model classifies correctly.</source>
        <translation>&lt;b&gt;准确率&lt;/b&gt;：留出数据（训练时从未见过）中被模型正确分类的比例。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="79"/>
        <source>&lt;b&gt;Macro-F1&lt;/b&gt;: the average over classes of how well each one is found; every class counts the same, so a weak small class shows here.</source>
        <translation>&lt;b&gt;宏平均 F1&lt;/b&gt;：各类别识别效果的平均值；每个类别权重相同，所以表现差的小类别会在这里体现出来。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="83"/>
        <source>&lt;b&gt;Precision&lt;/b&gt; of a class: of the items the model put in it, the share that belong there. &lt;b&gt;Recall&lt;/b&gt;: of the items that belong there, the share the model found.</source>
        <translation>某个类别的&lt;b&gt;精确率&lt;/b&gt;：模型归入该类的样本中，真正属于该类的比例。&lt;b&gt;召回率&lt;/b&gt;：真正属于该类的样本中，被模型找出的比例。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="88"/>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt;: rows are the real classes, columns what the model said. Click a cell to see its items; a confident mistake is often a wrongly labelled item, which you can relabel there.</source>
        <translation>&lt;b&gt;混淆矩阵&lt;/b&gt;：行是真实类别，列是模型的判断。点击单元格可查看其中的样本；置信度高的错误往往是标错的样本，可以直接在那里重新标注。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/guide.py" line="93"/>
        <source>&lt;b&gt;Loss&lt;/b&gt; (Train tab): how wrong the model still is; lower is better. The dashed line marks the epoch that was kept: the one with the best validation result.</source>
        <translation>&lt;b&gt;损失&lt;/b&gt;（训练页）：模型还错多少；越低越好。虚线标出被保留的轮次：验证结果最好的那一轮。</translation>
    </message>
</context>
<context>
    <name>HealthDialog</name>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="118"/>
        <source>Data health</source>
        <translation>数据体检</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="123"/>
        <source>Looks for labels that are probably wrong, the same picture twice (and in two splits, which makes the accuracy look better than it is), items unlike every class, classes with too few items and pictures too small for the model.</source>
        <translation>查找可能标错的标签、重复出现的同一张图片（以及分在两个划分中的同一张图片，这会让准确率看起来比实际更好）、与所有类别都不像的条目、条目太少的类别，以及对模型来说太小的图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="136"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="138"/>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="154"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="167"/>
        <source>The same text in two splits</source>
        <translation>同一段文本出现在两个划分中</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="169"/>
        <source>The same text twice</source>
        <translation>同一段文本出现了两次</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="171"/>
        <source>Probably the wrong label</source>
        <translation>标签可能有误</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="172"/>
        <source>The same picture in two splits</source>
        <translation>同一张图片出现在两个划分中</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="173"/>
        <source>The same picture twice</source>
        <translation>同一张图片出现了两次</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="174"/>
        <source>Unlike every class</source>
        <translation>与所有类别都不像</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="175"/>
        <source>Too few items in a class</source>
        <translation>某个类别的条目太少</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="176"/>
        <source>Too small for the model</source>
        <translation>图片对模型来说太小</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="181"/>
        <source>Relabel as “{0}”</source>
        <translation>改标为“{0}”</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="185"/>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="186"/>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="187"/>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="189"/>
        <source>Remove the copy in {0}</source>
        <translation>移除{0}中的副本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="191"/>
        <source>Remove the second</source>
        <translation>移除第二张</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="192"/>
        <source>Remove from project</source>
        <translation>从项目中移除</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="196"/>
        <source>Reading the items…</source>
        <translation>正在读取条目…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="197"/>
        <source>Checking every label with models that never saw it…</source>
        <translation>正在用从未见过各条目的模型检查每个标签…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="198"/>
        <source>Measuring the pictures…</source>
        <translation>正在测量图片尺寸…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="199"/>
        <source>Comparing every item with every other…</source>
        <translation>正在两两比较所有条目…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="200"/>
        <source>Looking closer at look-alike pairs…</source>
        <translation>正在仔细比对相似的图片对…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="201"/>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="218"/>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="231"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/health.py" line="243"/>
        <source>about %n s left</source>
        <translation>
            <numerusform>约剩 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="246"/>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消：没有做任何更改。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/health.py" line="273"/>
        <source>Found %n things worth a look.</source>
        <translation>
            <numerusform>发现 %n 处值得查看的问题。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/health.py" line="275"/>
        <source>Nothing found: the data looks healthy.</source>
        <translation>未发现问题：数据看起来很健康。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/health.py" line="279"/>
        <source>The first %n are listed; act on them and check again.</source>
        <translation>
            <numerusform>只列出了前 %n 项；处理完后请重新检查。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/health.py" line="305"/>
        <source>%n kept earlier (not shown)</source>
        <translation>
            <numerusform>%n 项之前已保留（不再显示）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="184"/>
        <location filename="../../desktop_app/gui/main_window.py" line="542"/>
        <source>Classifier Studio</source>
        <translation>Classifier Studio</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="205"/>
        <source>1 · Data</source>
        <translation>1 · 数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="206"/>
        <source>2 · Train</source>
        <translation>2 · 训练</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="207"/>
        <source>3 · Evaluate</source>
        <translation>3 · 评估</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="208"/>
        <source>4 · Predict &amp;&amp; Export</source>
        <translation>4 · 预测 &amp;&amp; 导出</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="268"/>
        <source>%n images</source>
        <translation>
            <numerusform>%n 张图片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="273"/>
        <source>%n texts</source>
        <translation>
            <numerusform>%n 条文本</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="287"/>
        <source>Training finished. See the Evaluate tab.</source>
        <translation>训练完成。请查看“评估”页。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="291"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="292"/>
        <source>&amp;New Image Project…</source>
        <translation>新建图片项目(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="295"/>
        <source>New &amp;Text Project…</source>
        <translation>新建文本项目(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="298"/>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="301"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="303"/>
        <source>&amp;Save Project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="306"/>
        <source>&amp;Close Project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="309"/>
        <source>Show Project &amp;Folder</source>
        <translation>显示项目文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="311"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="324"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="327"/>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="328"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="329"/>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="330"/>
        <source>&amp;Predict &amp;&amp; Export</source>
        <translation>预测 &amp;&amp; 导出(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="338"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="342"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="353"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="354"/>
        <source>&amp;Guide</source>
        <translation>使用指南(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="359"/>
        <source>Open &amp;Log Folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="361"/>
        <source>&amp;About Classifier Studio</source>
        <translation>关于 Classifier Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="375"/>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="438"/>
        <source>Parts of the project could not be read</source>
        <translation>项目的部分内容无法读取</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="450"/>
        <source>Project already open</source>
        <translation>项目已被打开</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="454"/>
        <source>Open it read-only? You can view it, evaluate and predict, but not train, edit or save it.</source>
        <translation>以只读方式打开吗？可以查看、评估和预测，但不能训练、编辑或保存。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="547"/>
        <source>{0} · {1} · saved in {2}</source>
        <translation>{0} · {1} · 保存在 {2}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/main_window.py" line="549"/>
        <source>%n classes</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="271"/>
        <source>New text project</source>
        <translation>新建文本项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="272"/>
        <source>Name of the project (for example: Spam or not):</source>
        <translation>项目名称（例如：是否垃圾短信）：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="266"/>
        <source>New image project</source>
        <translation>新建图片项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="267"/>
        <source>Name of the project (for example: Ripe or not):</source>
        <translation>项目名称（例如：是否成熟）：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="391"/>
        <location filename="../../desktop_app/gui/main_window.py" line="395"/>
        <source>My classifier</source>
        <translation>我的分类器</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="399"/>
        <location filename="../../desktop_app/gui/main_window.py" line="479"/>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="414"/>
        <source>Open project folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="430"/>
        <location filename="../../desktop_app/gui/main_window.py" line="433"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="467"/>
        <source>Create a project?</source>
        <translation>创建项目？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="469"/>
        <source>{0} is not a project (it has no project.json). Create a new project that imports the data in this folder?</source>
        <translation>{0} 不是项目（其中没有 project.json）。要创建一个新项目并导入此文件夹中的数据吗？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="496"/>
        <source>Work in progress</source>
        <translation>任务进行中</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="497"/>
        <source>Something is still running (training or import). Stop it?</source>
        <translation>仍有任务在运行（训练或导入）。要停止吗？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="512"/>
        <source>Project saved (changes are also saved automatically).</source>
        <translation>项目已保存（更改也会自动保存）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="516"/>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="545"/>
        <source>{0} — Classifier Studio</source>
        <translation>{0} — Classifier Studio</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="574"/>
        <source>About Classifier Studio</source>
        <translation>关于 Classifier Studio</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="576"/>
        <source>&lt;b&gt;Classifier Studio {0}&lt;/b&gt;&lt;p&gt;Train image classifiers on your own data, offline, and export one self-describing ONNX file that runs anywhere.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Classifier Studio {0}&lt;/b&gt;&lt;p&gt;离线用您自己的数据训练图片分类器，并导出一个可在任何地方运行、自带说明信息的 ONNX 文件。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="588"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="590"/>
        <source>The new language applies when the current task has finished and the app restarts.</source>
        <translation>新语言将在当前任务完成且应用重启后生效。</translation>
    </message>
</context>
<context>
    <name>MistakesDialog</name>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/mistakes_dialog.py" line="37"/>
        <source>Mistakes on {0}</source>
        <translation>{0} 上的错误</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/mistakes_dialog.py" line="42"/>
        <source>%n images the model got wrong, its surest mistakes first: often these are wrongly labelled. Double-click an image to open it.</source>
        <translation>
            <numerusform>模型判错了 %n 张图片，置信度最高的错误排在前面：这些往往是标错的。双击图片可将其打开。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/mistakes_dialog.py" line="49"/>
        <source>%n texts the model got wrong, its surest mistakes first: often these are wrongly labelled.</source>
        <translation>
            <numerusform>模型判错了 %n 条文本，置信度最高的错误排在前面：这些往往是标错的。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OtherDataEvaluator</name>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="51"/>
        <source>Evaluate on other data…</source>
        <translation>在其他数据上评估…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="54"/>
        <source>Measure this model on labelled data it was not trained on: a folder with one sub-folder of images per class, or a file of texts with labels.</source>
        <translation>在模型没有训练过的带标签数据上测量它：每个类别一个图片子文件夹的文件夹，或带标签的文本文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="86"/>
        <source>Evaluating on {0}…</source>
        <translation>正在 {0} 上评估…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="101"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="310"/>
        <source>File of labelled texts</source>
        <translation>带标签的文本文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="312"/>
        <source>Text data (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>文本数据 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/cells.py" line="204"/>
        <source>Folder of labelled images (one sub-folder per class)</source>
        <translation>带标签的图片文件夹（每个类别一个子文件夹）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="128"/>
        <source>{0}: accuracy {1} %, macro-F1 {2} on %n texts.</source>
        <translation>
            <numerusform>{0}：准确率 {1} %，宏平均 F1 {2}（%n 条文本）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="127"/>
        <source>{0}: accuracy {1} %, macro-F1 {2} on %n images.</source>
        <translation>
            <numerusform>{0}：准确率 {1} %，宏平均 F1 {2}（%n 张图片）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="65"/>
        <source>The items the model got wrong on this data, its surest mistakes first.</source>
        <translation>模型在这些数据上判错的条目，置信度最高的错误排在前面。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="160"/>
        <source>(%n skipped)</source>
        <translation>
            <numerusform>（跳过 %n 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="163"/>
        <source>Show %n mistakes</source>
        <translation>
            <numerusform>查看 %n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="167"/>
        <source>Nothing in {0} belongs to the model&apos;s classes.</source>
        <translation>{0} 中没有属于该模型类别的数据。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="171"/>
        <source>Evaluating on {0} failed: {1}</source>
        <translation>在 {0} 上评估失败：{1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/other_data.py" line="174"/>
        <source>Evaluating on {0} was cancelled.</source>
        <translation>在 {0} 上的评估已取消。</translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/records.py" line="102"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/records.py" line="104"/>
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/records.py" line="105"/>
        <source>{0} h</source>
        <translation>{0} 小时</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/records.py" line="117"/>
        <source>Not sure: no class is likely enough. Its best guesses:</source>
        <translation>不确定：没有哪个类别的可能性足够高。它的最佳猜测：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="109"/>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="177"/>
        <source>Open model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="110"/>
        <source>Use an exported .onnx model instead of the run&apos;s</source>
        <translation>使用已导出的 .onnx 模型，而不是本次训练的模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="63"/>
        <source>Export model…</source>
        <translation>导出模型…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="66"/>
        <source>Save the model as one .onnx file with a ready-to-run predict.py</source>
        <translation>将模型保存为一个 .onnx 文件，并附带可直接运行的 predict.py</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="128"/>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="171"/>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="334"/>
        <source>Train a model first (tab 2), or open an exported .onnx file.</source>
        <translation>请先训练模型（第 2 页），或打开已导出的 .onnx 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="109"/>
        <source>Drop images or folders here to classify them</source>
        <translation>将图片或文件夹拖放到此处进行分类</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="120"/>
        <source>Paste image</source>
        <translation>粘贴图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="122"/>
        <source>Classify the picture on the clipboard (Ctrl+V)</source>
        <translation>对剪贴板中的图片进行分类（Ctrl+V）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="125"/>
        <source>Classify a folder…</source>
        <translation>分类文件夹…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="127"/>
        <source>Classify every image below a folder and save the results as CSV</source>
        <translation>对文件夹中的所有图片进行分类，并将结果保存为 CSV</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="132"/>
        <source>Clear results</source>
        <translation>清除结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="143"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="149"/>
        <source>Results, newest first</source>
        <translation>结果（最新的在前）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="160"/>
        <source>Results appear here: the top 3 labels of every image, with their probability.</source>
        <translation>结果显示在这里：每张图片概率最高的 3 个标签及其概率。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="252"/>
        <source>No model yet</source>
        <translation>还没有模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="254"/>
        <source>Predictions need a trained model: a finished run or an exported file.</source>
        <translation>预测需要已训练的模型：一次完成的训练或一个导出的文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="259"/>
        <source>Model from {0}</source>
        <translation>来自 {0} 的模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="262"/>
        <source>picked run</source>
        <translation>所选运行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="262"/>
        <source>best run</source>
        <translation>最佳运行</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="264"/>
        <source>Model file {0}</source>
        <translation>模型文件 {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="266"/>
        <source>%n classes</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="268"/>
        <source>{0} % accuracy</source>
        <translation>准确率 {0} %</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="272"/>
        <source>Labels: {0}</source>
        <translation>标签：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="286"/>
        <source>The run picked in the run list (Train tab). Predict uses the best run again after the next training.</source>
        <translation>这是在运行列表（训练标签页）中选中的运行。下次训练后，预测将重新使用最佳运行。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="291"/>
        <source>The newest run is also the best one (by accuracy on held-out data).</source>
        <translation>最新的运行也是最佳运行（按留出数据上的准确率）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="295"/>
        <source>The best run by accuracy on held-out data; the newest run, {0}, reached {1} %. Pick a run in the Train tab&apos;s run list to use another.</source>
        <translation>按留出数据上的准确率选出的最佳运行；最新的运行 {0} 达到 {1} %。如需使用其他运行，请在训练标签页的运行列表中选择。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="83"/>
        <source>This model is already INT8.</source>
        <translation>此模型已经是 INT8 模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="85"/>
        <source>Needs the project&apos;s training images: they calibrate the INT8 model.</source>
        <translation>需要项目的训练图片：用它们来校准 INT8 模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="71"/>
        <source>Smaller model (INT8)</source>
        <translation>更小的模型（INT8）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="348"/>
        <source>A model is being opened; wait a moment.</source>
        <translation>正在打开一个模型，请稍候。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="352"/>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="374"/>
        <source>Cannot open {0}.</source>
        <translation>无法打开 {0}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="380"/>
        <source>{0} is a {1} model; this tab classifies images.</source>
        <translation>{0} 是 {1} 模型；此页用于图片分类。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="388"/>
        <source>Opened {0}.</source>
        <translation>已打开 {0}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="394"/>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="394"/>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX 模型 (*.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="196"/>
        <source>Cannot classify this picture: {0}</source>
        <translation>无法对此图片分类：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="208"/>
        <source>pasted image</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="216"/>
        <source>The clipboard holds no image to classify.</source>
        <translation>剪贴板中没有可分类的图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="231"/>
        <source>Classifying…</source>
        <translation>正在分类…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="496"/>
        <source>Classifying {0} of {1}…</source>
        <translation>正在分类第 {0} 张，共 {1} 张…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="251"/>
        <source>{0} ms</source>
        <translation>{0} 毫秒</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="110"/>
        <source>or click here to choose images · paste one with Ctrl+V</source>
        <translation>或点击此处选择图片 · 用 Ctrl+V 粘贴图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="112"/>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="436"/>
        <source>Choose images to classify</source>
        <translation>选择要分类的图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="262"/>
        <source>Why?</source>
        <translation>为什么？</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="265"/>
        <source>Show where in the image the model looked</source>
        <translation>显示模型看了图片的哪些部分</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="277"/>
        <source>No preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="280"/>
        <source>Add to dataset as…</source>
        <translation>添加到数据集，类别为…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="285"/>
        <source>{0}
Right-click: add it to the dataset as …</source>
        <translation>{0}
右键单击：将它添加到数据集中的某个类别…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="316"/>
        <source>Add to dataset</source>
        <translation>添加到数据集</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="317"/>
        <source>Add {0} to the dataset as:</source>
        <translation>将 {0} 添加到数据集，类别为：</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="335"/>
        <source>Added {0} to the dataset as “{1}”.</source>
        <translation>已将 {0} 添加到数据集，类别为“{1}”。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="412"/>
        <source>A folder is already being classified.</source>
        <translation>已有文件夹正在分类。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="421"/>
        <source>Classifying {0}</source>
        <translation>正在分类 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="423"/>
        <source>Looking for images…</source>
        <translation>正在查找图片…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="429"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="438"/>
        <source>Images ({0});;All files (*)</source>
        <translation>图片 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="445"/>
        <source>Folder of images to classify</source>
        <translation>要分类的图片文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="458"/>
        <source>{0} of {1} images</source>
        <translation>{0} / {1} 张图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="462"/>
        <source>about {0} left</source>
        <translation>约剩 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="465"/>
        <source>writing the CSV…</source>
        <translation>正在写入 CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="507"/>
        <source>Cannot show why: {0}</source>
        <translation>无法显示原因：{0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="447"/>
        <source>Wrote %n rows to {0}</source>
        <translation>
            <numerusform>已将 %n 行写入 {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/predict/panel.py" line="449"/>
        <source>(%n files skipped)</source>
        <translation>
            <numerusform>（跳过了 %n 个文件）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="476"/>
        <source>Classifying the folder failed: {0}</source>
        <translation>文件夹分类失败：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/image_page.py" line="479"/>
        <source>Classifying the folder was cancelled; no CSV was written.</source>
        <translation>文件夹分类已取消；未写入 CSV。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="127"/>
        <source>There is no model to export yet.</source>
        <translation>还没有可导出的模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="140"/>
        <source>Could not export the model: {0}</source>
        <translation>无法导出模型：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="158"/>
        <source>Exported {0} with {1} and {2}.</source>
        <translation>已导出 {0}，并附带 {1} 和 {2}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="162"/>
        <source>Exported the INT8 model {0} ({1} MB instead of {2} MB) with {3} and {4}.</source>
        <translation>已导出 INT8 模型 {0}（{1} MB，原为 {2} MB），并附带 {3} 和 {4}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="94"/>
        <source>Export an INT8 (quantized) copy: about half the size for image models, and faster on CPUs with 8-bit dot-product instructions (the export measures the speed-up on this computer). Accuracy usually changes by less than one point; the export checks how often the copy agrees with the full model on held-out items.</source>
        <translation>导出 INT8（量化）副本：图像模型约为原大小的一半，在支持 8 位点积指令的 CPU 上运行更快（导出时会在本机测量加速比）。准确率的变化通常不到一个百分点；导出时会检查副本在留出样本上与完整模型一致的比例。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="173"/>
        <source>On {0} held-out {1} items: same top label as the full model on {2} %, accuracy {3} % against {4} % ({5} points).</source>
        <translation>在 {0} 个留出的{1}样本上：与完整模型首选标签相同的占 {2} %，准确率 {3} %，完整模型为 {4} %（{5} 个百分点）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="180"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="181"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="189"/>
        <source>On this computer it runs at {0}× the full model&apos;s speed.</source>
        <translation>在本机上，它的运行速度是完整模型的 {0} 倍。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="195"/>
        <source>Exported {0}.</source>
        <translation>已导出 {0}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="204"/>
        <source>An INT8 export is already running.</source>
        <translation>已有一个 INT8 导出正在进行。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="209"/>
        <source>Choose another file: the INT8 model cannot replace its source.</source>
        <translation>请选择其他文件：INT8 模型不能覆盖其原始模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="218"/>
        <source>An INT8 export needs the project&apos;s training images to calibrate on.</source>
        <translation>INT8 导出需要项目的训练图片来进行校准。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="236"/>
        <source>Making the INT8 model…</source>
        <translation>正在生成 INT8 模型…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="248"/>
        <source>Making the INT8 model: calibrating on {0} of {1} training items…</source>
        <translation>正在生成 INT8 模型：正在用训练样本校准（第 {0} 个，共 {1} 个）…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="253"/>
        <source>Making the INT8 model: comparing it with the full model ({0} of {1})…</source>
        <translation>正在生成 INT8 模型：正在与完整模型比较（第 {0} 个，共 {1} 个）…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="259"/>
        <source>Making the INT8 model: quantizing the weights…</source>
        <translation>正在生成 INT8 模型：正在量化权重…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="276"/>
        <source>Could not export the INT8 model: {0}</source>
        <translation>无法导出 INT8 模型：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="279"/>
        <source>The INT8 export was cancelled; nothing was written.</source>
        <translation>INT8 导出已取消；未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="294"/>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/export_box.py" line="296"/>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/why.py" line="82"/>
        <source>Red: the parts of the image that made the model say “{0}”.</source>
        <translation>红色：让模型判断为“{0}”的图片部分。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/why.py" line="86"/>
        <source>(Measured by hiding parts of the image: this model has no map.)</source>
        <translation>（通过逐块遮住图片测得：此模型不带热力图输出。）</translation>
    </message>
</context>
<context>
    <name>ProjectSession</name>
    <message>
        <location filename="../../desktop_app/gui/session.py" line="122"/>
        <source>Could not save the project in {0}: {1}</source>
        <translation>无法将项目保存到 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/session.py" line="135"/>
        <source>The last change was not saved.</source>
        <translation>最后一次更改未保存。</translation>
    </message>
</context>
<context>
    <name>ReliabilityPage</name>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="285"/>
        <source>Each point is a group of examples the model was about equally sure of: how sure it was (across) against how often it was right (up). On the dashed line, “90 % sure” means right 9 times in 10. Bigger points hold more examples.</source>
        <translation>每个点是一组模型把握程度相近的样本：横轴是它有多大把握，纵轴是它实际判断正确的频率。在虚线上，“90 % 把握”就意味着十次对九次。点越大，包含的样本越多。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="293"/>
        <source>how sure the model was</source>
        <translation>模型的把握程度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="293"/>
        <source>how often it was right</source>
        <translation>实际正确的频率</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="310"/>
        <source>before calibration</source>
        <translation>校准前</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="311"/>
        <source>after (as the exported model answers)</source>
        <translation>校准后（导出模型的回答）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="336"/>
        <source>Calibrated: its confidence was off by {0} points on average, now by {1} (expected calibration error {2} → {3}).</source>
        <translation>已校准：它的把握程度平均偏差 {0} 个百分点，现在为 {1} 个（期望校准误差 {2} → {3}）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="346"/>
        <source>after dividing by a temperature of {0}</source>
        <translation>除以温度 {0} 之后</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="351"/>
        <source>Not calibrated (too few validation examples to fit it): its confidence is off by {0} points on average (expected calibration error {1}).</source>
        <translation>未校准（验证样本太少，无法拟合）：它的把握程度平均偏差 {0} 个百分点（期望校准误差 {1}）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="358"/>
        <source>Not calibrated: its confidence is off by {0} points on average (expected calibration error {1}).</source>
        <translation>未校准：它的把握程度平均偏差 {0} 个百分点（期望校准误差 {1}）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="362"/>
        <source>the model as it answers</source>
        <translation>模型当前的回答</translation>
    </message>
</context>
<context>
    <name>SuggestDialog</name>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="48"/>
        <source>Label new images</source>
        <translation>标注新图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="53"/>
        <source>The model suggests a label for each new image, the ones it is least sure of first. Press 1–9 to choose a class, Enter to take the suggestion, S to skip.</source>
        <translation>模型为每张新图片建议一个标签，最没把握的排在最前。按 1–9 选择类别，按 Enter 采用建议，按 S 跳过。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="65"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="89"/>
        <source>Skip (S)</source>
        <translation>跳过 (S)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="91"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="117"/>
        <source>The model is looking at the images…</source>
        <translation>模型正在查看这些图片…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="143"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="174"/>
        <source>Take the suggestion (Enter)</source>
        <translation>采用建议 (Enter)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="177"/>
        <source>All done: %n images added to the project.</source>
        <translation>
            <numerusform>全部完成：已向项目添加 %n 张图片。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="182"/>
        <source>Image {0} of {1} · %n added</source>
        <translation>
            <numerusform>第 {0} 张，共 {1} 张 · 已添加 %n 张</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="192"/>
        <source>Suggestion: &lt;b&gt;{0}&lt;/b&gt; ({1} %) · then {2}</source>
        <translation>建议：&lt;b&gt;{0}&lt;/b&gt;（{1} %）· 其次 {2}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/suggest.py" line="196"/>
        <source>Take “{0}” (Enter)</source>
        <translation>采用“{0}” (Enter)</translation>
    </message>
</context>
<context>
    <name>TextDataPanel</name>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="95"/>
        <source>Drop a CSV, TSV or TXT file with texts and labels here</source>
        <translation>将包含文本和标签的 CSV、TSV 或 TXT 文件拖放到这里</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="97"/>
        <source>or a folder of train/dev/test files, or a folder with one sub-folder of .txt files per class</source>
        <translation>或包含 train/dev/test 文件的文件夹，或每个类别一个 .txt 子文件夹的文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="100"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="101"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="385"/>
        <source>“{0}” (%n rows)</source>
        <translation>
            <numerusform>“{0}”（%n 行）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="389"/>
        <source>The first %n rows have these labels: {0}</source>
        <translation>
            <numerusform>前 %n 行的标签：{0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="392"/>
        <source>The first %n rows have no label.</source>
        <translation>
            <numerusform>前 %n 行没有标签。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="462"/>
        <source>Reading the texts…</source>
        <translation>正在读取文本…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="119"/>
        <source>No texts yet. Each row of the file needs a text and its label, for example:
spam&lt;TAB&gt;Win a free prize now!
ham&lt;TAB&gt;See you at lunch?</source>
        <translation>还没有文本。文件的每一行需要一条文本及其标签，例如：
spam&lt;TAB&gt;Win a free prize now!
ham&lt;TAB&gt;See you at lunch?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="131"/>
        <source>Rows left out of the import (file:line — reason).</source>
        <translation>导入时未使用的行（文件:行号 — 原因）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="154"/>
        <source>Detected automatically; change anything that looks wrong.</source>
        <translation>已自动识别；如有不对请修改。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="164"/>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="165"/>
        <source>Comma ,</source>
        <translation>逗号 ,</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="166"/>
        <source>Semicolon ;</source>
        <translation>分号 ;</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="167"/>
        <source>Pipe |</source>
        <translation>竖线 |</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="170"/>
        <source>The first row holds column names</source>
        <translation>第一行是列名</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="173"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="174"/>
        <source>Separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="176"/>
        <source>Text column</source>
        <translation>文本列</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="177"/>
        <source>Label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="187"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="190"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="204"/>
        <source>Preview: the first rows as they will be imported</source>
        <translation>预览：前几行将按此方式导入</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="207"/>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="238"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="207"/>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="238"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="232"/>
        <source>Find labels that are probably wrong, the same text twice, texts unlike every class and classes with too few texts (Ctrl+H)</source>
        <translation>查找可能标错的标签、重复出现的同一段文本、与所有类别都不像的文本以及文本太少的类别（Ctrl+H）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="238"/>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="251"/>
        <source>%n texts · train {0} / val {1} / test {2}</source>
        <translation>
            <numerusform>%n 条文本 · 训练 {0} / 验证 {1} / 测试 {2}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="299"/>
        <source>{0} · %n texts</source>
        <translation>
            <numerusform>{0} · %n 条文本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="467"/>
        <source>{0} in %n classes.</source>
        <translation>
            <numerusform>{0}，共 %n 个类别。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="468"/>
        <source>Imported %n texts</source>
        <translation>
            <numerusform>导入了 %n 条文本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="474"/>
        <source>%n texts already in the project with the same label were merged.</source>
        <translation>
            <numerusform>%n 条文本已在项目中且标签相同，已合并。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="482"/>
        <source>%n texts already in the project came again with a different label: the project&apos;s label is kept; those rows are listed under Rows not used.</source>
        <translation>
            <numerusform>%n 条项目中已有的文本再次出现时带有不同的标签：保留项目中的标签；这些行列在“未使用的行”中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="493"/>
        <source>%n rows could not be used (see below).</source>
        <translation>
            <numerusform>%n 行无法使用（见下方）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="250"/>
        <source>Too few texts: add at least 5, better 20+.</source>
        <translation>文本太少：至少添加 5 条，最好 20 条以上。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="252"/>
        <source>Too few texts in {0}: add at least 5 per class, better 20+.</source>
        <translation>{0} 中的文本太少：每个类别至少 5 条，最好 20 条以上。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="258"/>
        <source>Rows not used ({0})</source>
        <translation>未使用的行（{0}）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="288"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="289"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="290"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="298"/>
        <source>All classes</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="132"/>
        <source>No rows were skipped: every row was usable.</source>
        <translation>没有跳过任何行：每一行都可用。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="311"/>
        <source>Choose a file of texts</source>
        <translation>选择文本文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="313"/>
        <source>Text tables ({0});;All files (*)</source>
        <translation>文本表格 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="320"/>
        <source>Choose a folder of texts</source>
        <translation>选择文本文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="358"/>
        <source>One sub-folder of .txt files per class: each file is one text.</source>
        <translation>每个类别一个 .txt 子文件夹：每个文件是一条文本。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="395"/>
        <source>No column looks like labels: choose the label column if this is wrong.</source>
        <translation>没有哪一列像标签：如果不对，请选择标签列。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="421"/>
        <source>The text and the label must be different columns.</source>
        <translation>文本和标签必须是不同的列。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/data/text_page.py" line="423"/>
        <source>Only one column with these settings: choose another separator.</source>
        <translation>按这些设置只有一列：请选择其他分隔符。</translation>
    </message>
</context>
<context>
    <name>TextPredictWidget</name>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="97"/>
        <source>Type or paste a text: the answer updates as you type</source>
        <translation>输入或粘贴一段文本：结果随输入实时更新</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="103"/>
        <source>For example: Congratulations! You won a prize…</source>
        <translation>例如：恭喜！您中奖了…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="113"/>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="268"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="116"/>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="269"/>
        <source>The most likely label appears here.</source>
        <translation>最可能的标签显示在这里。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="137"/>
        <source>Why? Colour the words that decided</source>
        <translation>为什么？给起决定作用的词上色</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="140"/>
        <source>Each word is left out in turn: green words pushed the text towards the answer, red words against it; the stronger the colour, the more it mattered.</source>
        <translation>逐个去掉每个词来衡量：绿色的词把文本推向这个答案，红色的词与之相反；颜色越深，影响越大。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="156"/>
        <source>Classify a file…</source>
        <translation>对文件分类…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="158"/>
        <source>Classify a file with one text per line (or a CSV) and save the results as CSV</source>
        <translation>对每行一条文本的文件（或 CSV）进行分类，并将结果保存为 CSV</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="163"/>
        <source>One text per line, or a CSV with a text column; the answers go to a CSV.</source>
        <translation>每行一条文本，或带文本列的 CSV；结果保存为 CSV。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="170"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="254"/>
        <source>Green: words that point to “{0}”. Red: words against it.</source>
        <translation>绿色：指向“{0}”的词。红色：与之相反的词。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="274"/>
        <source>{0} % sure · {1} ms</source>
        <translation>把握 {0} % · {1} 毫秒</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="278"/>
        <source>Not sure</source>
        <translation>不确定</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="280"/>
        <source>Best guess: {0} · {1}</source>
        <translation>最佳猜测：{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="303"/>
        <source>A file is already being classified.</source>
        <translation>已有一个文件正在分类。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="314"/>
        <source>Classifying {0}</source>
        <translation>正在分类 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="324"/>
        <source>File of texts to classify</source>
        <translation>要分类的文本文件</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="326"/>
        <source>Texts (*.txt *.csv *.tsv);;All files (*)</source>
        <translation>文本 (*.txt *.csv *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="343"/>
        <source>{0} of {1} texts</source>
        <translation>{0} / {1} 条文本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="369"/>
        <source>Wrote {0} rows to {1}</source>
        <translation>已将 {0} 行写入 {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="377"/>
        <source>Classifying the file failed: {0}</source>
        <translation>文件分类失败：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/predict/text_page.py" line="380"/>
        <source>Classifying the file was cancelled; no CSV was written.</source>
        <translation>文件分类已取消；未写入 CSV。</translation>
    </message>
</context>
<context>
    <name>ThresholdPage</name>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="377"/>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="439"/>
        <source>{0} images</source>
        <translation>{0} 张图片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="383"/>
        <source>Below this confidence the model says “not sure” instead of naming a class: it answers less often, and is right more often when it does.</source>
        <translation>把握低于这个值时，模型会回答“不确定”而不是给出类别：它回答得更少，但回答时更常正确。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="391"/>
        <source>Answer only when at least</source>
        <translation>仅在把握至少为</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="401"/>
        <source>sure</source>
        <translation>时回答</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="406"/>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="411"/>
        <source>share answered</source>
        <translation>已回答的比例</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="411"/>
        <source>accuracy on those answered</source>
        <translation>已回答部分的准确率</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="421"/>
        <source>Use this threshold</source>
        <translation>使用此阈值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="425"/>
        <source>Save it in this run and its model: the Predict tab and the models exported from now on answer “not sure” below it. A model exported before keeps its own (change it with: desktop-app calibrate MODEL.onnx --unsure-threshold 0.8).</source>
        <translation>保存到本次训练及其模型中：之后“预测”标签页和今后导出的模型在低于它时都会回答“不确定”。之前导出的模型保留自己的阈值（可用 desktop-app calibrate MODEL.onnx --unsure-threshold 0.8 修改）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="439"/>
        <source>{0} texts</source>
        <translation>{0} 条文本</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="493"/>
        <source>The model would answer none of the {0}: it is never that sure.</source>
        <translation>模型不会回答这 {0} 中的任何一个：它从来没有这么大的把握。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="501"/>
        <source>It answers {0} of {1} ({2} %) and is right on {3} % of them; it says “not sure” for the other {4}.</source>
        <translation>它回答了 {1} 中的 {0} 个（{2} %），其中 {3} % 正确；其余 {4} 个它回答“不确定”。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="517"/>
        <source>The model names a class however unsure it is.</source>
        <translation>无论把握多低，模型都会给出一个类别。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="520"/>
        <source>Saved now: the model says “not sure” below {0} %.</source>
        <translation>当前已保存：模型在把握低于 {0} % 时回答“不确定”。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="558"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="566"/>
        <source>{0}: the model now says “not sure” below {1} %.</source>
        <translation>{0}：模型现在在把握低于 {1} % 时回答“不确定”。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/evaluate/trust.py" line="573"/>
        <source>Not saved: {0}</source>
        <translation>未保存：{0}</translation>
    </message>
</context>
<context>
    <name>TrainPanel</name>
    <message>
        <location filename="../../desktop_app/gui/panels/train/model_choice.py" line="60"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="56"/>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="212"/>
        <source>Continue from the last run</source>
        <translation>接着上次训练继续</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="215"/>
        <source>Start from the weights the last finished run learned instead of from zero. Useful after adding a few images. If the classes changed, training starts fresh.</source>
        <translation>从上次完成的训练所学到的权重开始，而不是从零开始。适合在添加少量图片之后使用。如果类别有变化，将重新开始训练。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="221"/>
        <source>Best accuracy: also fine-tune the model (slower)</source>
        <translation>最高准确率：同时微调模型（较慢）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="364"/>
        <source>After the quick training, the top half of the any-language model learns too, on your texts. Often a point or two more accurate; takes minutes instead of seconds (about 15 min for 8,000 reviews on a two-core laptop). For the Any language (accurate) model; Automatic then takes it.</source>
        <translation>快速训练之后，任意语言模型的上半部分也会在您的文本上继续学习。通常能提高一两个百分点的准确率；耗时以分钟计而不是秒（在双核笔记本上，8,000 条评论约需 15 分钟）。适用于“任意语言（更准确）”模型；选择“自动”时也会使用它。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="371"/>
        <source>After the quick training, the top layers of the pretrained model learn too, on varied copies of your images (cropped, flipped, turned a little, recoloured). Often a few points more accurate; takes minutes instead of seconds. For the Fast and Accurate models.</source>
        <translation>快速训练之后，预训练模型的顶部几层也会在图片的各种变体（裁剪、翻转、轻微旋转、调整颜色）上继续学习。通常能提高几个百分点的准确率；耗时以分钟计而不是以秒计。适用于“快速”和“精确”模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="263"/>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="36"/>
        <source>Train a model on the project&apos;s images (Ctrl+Enter)</source>
        <translation>用项目中的图片训练模型（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="266"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="268"/>
        <source>Stop training; nothing is saved (Esc)</source>
        <translation>停止训练；不保存任何内容（Esc）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="60"/>
        <source>Runs</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="66"/>
        <source>Click a finished run to see its curves and results</source>
        <translation>点击已完成的训练，查看其曲线和结果</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="73"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="88"/>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="89"/>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="90"/>
        <source>Read them too (texts)</source>
        <translation>同时读取（文本）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="94"/>
        <source>Max epochs</source>
        <translation>最大轮数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="96"/>
        <source>How many times at most the model looks at every training image. Automatic picks enough for a few hundred learning steps; training usually stops earlier when it no longer improves.</source>
        <translation>模型最多把每张训练图片看多少遍。“自动”会选择足够进行几百个学习步骤的轮数；训练不再改进时通常会提前停止。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="104"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="106"/>
        <source>How many images the model looks at before each small correction. Automatic suits the size of your data.</source>
        <translation>模型每做一次小幅修正前查看的图片数。“自动”会根据数据量选择合适的值。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="113"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="115"/>
        <source>How big each correction is. Too big: unstable; too small: slow. Automatic is a safe choice.</source>
        <translation>每次修正的幅度。太大：不稳定；太小：慢。“自动”是稳妥的选择。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="122"/>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="124"/>
        <source>Keeps the model simple so it does not memorise the training images. Raise it a little if validation accuracy is much lower than training.</source>
        <translation>让模型保持简单，避免死记训练图片。如果验证准确率远低于训练准确率，可适当调高。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="131"/>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="133"/>
        <source>Stops the model from being over-confident; helps when some labels may be wrong. 0 turns it off; Automatic uses 0.1, and 0 for English sentences.</source>
        <translation>防止模型过于自信；当部分标签可能有误时有帮助。设为 0 即关闭；“自动”使用 0.1，英文句子模型使用 0。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="140"/>
        <source>Hidden units</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="142"/>
        <source>Adds one extra layer of this size to the classifier. 0 is a simple linear classifier, best for small sets of images; Automatic uses 0 for images and 512 for sentences.</source>
        <translation>为分类器增加一个此大小的额外层。0 即简单的线性分类器，最适合少量图片；“自动”对图片用 0，对句子用 512。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="150"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="152"/>
        <source>Randomly ignores this fraction of the features while learning, so the model does not rely on a few of them.</source>
        <translation>学习时随机忽略这一比例的特征，使模型不依赖少数几个特征。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="159"/>
        <source>Patience</source>
        <translation>耐心轮数</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="161"/>
        <source>Stop after this many epochs without a better validation result; the best epoch&apos;s model is kept.</source>
        <translation>连续这么多轮验证结果没有改进就停止；保留最佳一轮的模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="168"/>
        <source>Class weighting</source>
        <translation>类别加权</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="170"/>
        <source>Give classes with fewer examples more weight, so a large class does not drown out a small one. Automatic balances them, except for the word-pieces model, where it measured less accurate.</source>
        <translation>给样本较少的类别更大的权重，避免大类别淹没小类别。“自动”会平衡各类别，但词片模型除外：实测在那里平衡会降低准确率。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="178"/>
        <source>Word pieces</source>
        <translation>词片</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="180"/>
        <source>Texts with a pretrained model: one classifier reads the sentence meaning AND the words and word pairs of each text. Often more accurate on reviews and in Chinese; Automatic tries it by itself and keeps it when it does better on the validation texts.</source>
        <translation>文本且使用预训练模型时：同一个分类器既读取句子含义，也读取每段文本中的词和相邻词对。对评论和中文文本常常更准确；“自动”会自行尝试，并在它在验证文本上表现更好时采用它。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="189"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="191"/>
        <source>A number that fixes the random choices: the same seed and data give the same model.</source>
        <translation>固定随机选择的数字：相同的种子和数据会得到相同的模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/settings_form.py" line="203"/>
        <source>Restore defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="83"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="35"/>
        <source>Press Start to train a model on your images.</source>
        <translation>点击“开始训练”，用您的图片训练模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="138"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="55"/>
        <source>Training needs at least two classes with texts. Import a file of texts and labels on the Data tab.</source>
        <translation>训练至少需要两个有文本的类别。请在“数据”页导入包含文本和标签的文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="37"/>
        <source>Training needs at least two classes with images. Add them on the Data tab (one sub-folder of images per class).</source>
        <translation>训练至少需要两个有图片的类别。请在“数据”页添加（每个类别一个图片子文件夹）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="475"/>
        <source>Cannot continue from {0} ({1}); starting fresh.</source>
        <translation>无法从 {0} 继续（{1}）；将重新开始。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="60"/>
        <source>{0}: training {1} on {2} texts in {3} classes.</source>
        <translation>{0}：用 {2} 条文本（{3} 个类别）训练 {1}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="42"/>
        <source>{0}: training {1} on {2} images in {3} classes.</source>
        <translation>{0}：开始训练（{1}），使用 {3} 个类别的 {2} 张图片。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="507"/>
        <source>Continuing from the last run&apos;s weights.</source>
        <translation>从上次训练的权重继续。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="202"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="521"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="550"/>
        <source>Cancelled; nothing was saved.</source>
        <translation>已取消；未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="551"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="557"/>
        <source>Stopped early at epoch {0}: no better validation loss since epoch {1}.</source>
        <translation>提前停止于第 {0} 轮：自第 {1} 轮以来验证损失没有再降低。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="560"/>
        <source>{0} file(s) could not be used and were skipped.</source>
        <translation>有 {0} 个文件无法使用，已跳过。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="563"/>
        <source>The last run&apos;s weights do not fit this data (classes changed): starting fresh.</source>
        <translation>上次训练的权重与当前数据不匹配（类别已改变）：将从头开始训练。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="584"/>
        <source>Trained, but the run could not be saved.</source>
        <translation>训练已完成，但无法保存此次训练。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="252"/>
        <source>epoch {0}: val accuracy {1} %</source>
        <translation>第 {0} 轮：验证准确率 {1} %</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="256"/>
        <source>epoch {0}: train accuracy {1} %</source>
        <translation>第 {0} 轮：训练准确率 {1} %</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="61"/>
        <source>Reading texts {0}/{1}</source>
        <translation>正在读取文本 {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="43"/>
        <source>Reading images {0}/{1}</source>
        <translation>正在读取图片 {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="62"/>
        <source>Reading texts…</source>
        <translation>正在读取文本…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="44"/>
        <source>Reading images…</source>
        <translation>正在读取图片…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="113"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="115"/>
        <source>Map of the data</source>
        <translation>数据分布图</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="117"/>
        <source>Where each item lies for the chosen model, drawn while the data is read</source>
        <translation>在所选模型眼中每条数据的位置，读取数据时实时绘制</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="294"/>
        <source>Step {0} of {1}: {2}</source>
        <translation>第 {0} 步，共 {1} 步：{2}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="300"/>
        <source>Training epoch {0}/{1}</source>
        <translation>正在训练第 {0}/{1} 轮</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="314"/>
        <source>Comparing the models: trying {0}</source>
        <translation>正在比较模型：试用{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="318"/>
        <source>Fine-tuning: choosing the changes for your images…</source>
        <translation>微调：正在为您的图片选择变化方式…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="334"/>
        <source>Getting ready…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="336"/>
        <source>Saving the model…</source>
        <translation>正在保存模型…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="350"/>
        <source>Fine-tuning: reading the texts…</source>
        <translation>微调：正在读取文本…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="352"/>
        <source>Fine-tuning: reading the texts {0}/{1}</source>
        <translation>微调：正在读取文本 {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="359"/>
        <source>Fine-tuning: reading the images…</source>
        <translation>微调：正在读取图片…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="361"/>
        <source>Fine-tuning: measuring the fine-tuned model…</source>
        <translation>微调：正在测量微调后的模型…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="363"/>
        <source>Fine-tuning step {0}/{1}</source>
        <translation>微调第 {0}/{1} 步</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="58"/>
        <source>about 1 s left</source>
        <translation>约剩 1 秒</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="60"/>
        <source>about {0} s left</source>
        <translation>约剩 {0} 秒</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/progress.py" line="61"/>
        <source>about {0} min left</source>
        <translation>约剩 {0} 分钟</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="63"/>
        <source>Done: {0} % accuracy on the {1} texts ({2} texts).</source>
        <translation>完成：{1}准确率 {0} %（{2} 条文本）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="45"/>
        <source>Done: {0} % accuracy on the {1} images ({2} images).</source>
        <translation>完成：{1}准确率 {0} %（{2} 张图片）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="598"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="600"/>
        <source>Best epoch {0} of {1}; {2} s in all. Model saved ({3} MB).</source>
        <translation>最佳轮次：第 {0} 轮（共 {1} 轮）；总耗时 {2} 秒。模型已保存（{3} MB）。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="607"/>
        <source>Finished. See the Evaluate tab for details.</source>
        <translation>已完成。详情请查看“评估”页。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="617"/>
        <source>Training failed: {0}</source>
        <translation>训练失败：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="618"/>
        <source>Training failed.</source>
        <translation>训练失败。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="622"/>
        <source>Training stopped unexpectedly.</source>
        <translation>训练意外停止。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="53"/>
        <source>Press Start to train a model on your texts.</source>
        <translation>按“开始”用您的文本训练模型。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="54"/>
        <source>Train a model on the project&apos;s texts (Ctrl+Enter)</source>
        <translation>用项目中的文本训练模型（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="64"/>
        <source>{0}: {1} % accuracy on the {2} texts, best epoch {3}.</source>
        <translation>{0}：{2}准确率 {1} %，最佳轮次 {3}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="81"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="82"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="83"/>
        <source>Japanese</source>
        <translation>日文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="84"/>
        <source>Korean</source>
        <translation>韩文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="85"/>
        <source>a Latin-script language other than English</source>
        <translation>英文以外的拉丁字母语言</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="86"/>
        <source>a Cyrillic-script language (e.g. Russian)</source>
        <translation>西里尔字母语言（如俄文）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="87"/>
        <source>Arabic</source>
        <translation>阿拉伯文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="88"/>
        <source>Greek</source>
        <translation>希腊文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="89"/>
        <source>Hebrew</source>
        <translation>希伯来文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="90"/>
        <source>a Devanagari-script language (e.g. Hindi)</source>
        <translation>天城文语言（如印地文）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="91"/>
        <source>Thai</source>
        <translation>泰文</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="95"/>
        <source>These texts look like {0}: “{1}” suits them best.</source>
        <translation>这些文本看起来是{0}：最适合用“{1}”。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/words.py" line="46"/>
        <source>{0}: {1} % accuracy on the {2} images, best epoch {3}.</source>
        <translation>{0}：{2}准确率 {1} %，最佳轮次 {3}。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="766"/>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/panel.py" line="766"/>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="24"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="25"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="26"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="27"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="28"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="29"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="40"/>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/runs.py" line="44"/>
        <source>{0} %</source>
        <translation>{0} %</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/auto_note.py" line="51"/>
        <source>Fine-tune the next run</source>
        <translation>下次训练时进行微调</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/panels/train/auto_note.py" line="53"/>
        <source>Ticks “Best accuracy: also fine-tune the model”; press Start to train again</source>
        <translation>勾选“最高准确率：同时微调模型”；按“开始训练”再训练一次</translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="131"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="131"/>
        <source>loss (lower is better)</source>
        <translation>损失（越低越好）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="133"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="133"/>
        <source>accuracy % (higher is better)</source>
        <translation>准确率 %（越高越好）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="140"/>
        <source>train (each batch)</source>
        <translation>训练集（每批）</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="141"/>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="142"/>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="153"/>
        <source>Best epoch: its weights are the ones kept</source>
        <translation>最佳轮次：保留的是这一轮的权重</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/widgets/curves.py" line="188"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="87"/>
        <source>Classifier Studio</source>
        <translation>Classifier Studio</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="99"/>
        <source>1  Data</source>
        <translation>1  数据</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="91"/>
        <source>Teach your computer to recognise your own pictures or texts — offline, in seconds.</source>
        <translation>教您的电脑识别您自己的图片或文本——离线完成，只需几秒。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="101"/>
        <source>Drop a folder with one sub-folder of images per class, or a CSV file of texts and labels.</source>
        <translation>拖入一个文件夹（每个类别一个图片子文件夹），或一个包含文本和标签的 CSV 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="106"/>
        <source>2  Train</source>
        <translation>2  训练</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="107"/>
        <source>Press Start; the app learns your classes while you watch.</source>
        <translation>点击开始，应用会当着您的面学会这些类别。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="110"/>
        <source>3  Use</source>
        <translation>3  使用</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="111"/>
        <source>Check the results, drop new images to classify, export one .onnx file.</source>
        <translation>查看结果，拖入新图片进行分类，导出一个 .onnx 文件。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="125"/>
        <source>New image project</source>
        <translation>新建图片项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="128"/>
        <source>New text project</source>
        <translation>新建文本项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="130"/>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="138"/>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/main_window.py" line="152"/>
        <source>Everything stays on this computer; no internet connection is needed.</source>
        <translation>所有数据都保留在这台电脑上；无需联网。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../desktop_app/gui/application.py" line="84"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/application.py" line="85"/>
        <source>{0}: {1}

Your project is saved. The details are in the log file:
{2}</source>
        <translation>{0}：{1}

您的项目已保存。详细信息见日志文件：
{2}</translation>
    </message>
</context>
<context>
    <name>dialogs</name>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="31"/>
        <source>Save predictions as</source>
        <translation>预测结果另存为</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/dialogs.py" line="33"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <location filename="../../desktop_app/gui/jobs.py" line="41"/>
        <source>Not enough memory. Try a smaller dataset or close other programs.</source>
        <translation>内存不足。请尝试较小的数据集或关闭其他程序。</translation>
    </message>
    <message>
        <location filename="../../desktop_app/gui/jobs.py" line="47"/>
        <source>Unexpected error: {0}: {1}</source>
        <translation>意外错误：{0}：{1}</translation>
    </message>
</context>
</TS>
