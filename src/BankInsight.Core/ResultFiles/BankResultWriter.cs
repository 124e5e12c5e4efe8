using System.Text;
using BankInsight.Common;

namespace BankInsight.ResultFiles;

/// <summary>
/// Writes the bank's <c>.txt</c> result format: one record per line, comma separated, text
/// in double quotes (inner quotes doubled), numbers bare, nulls empty and unquoted, UTF-8
/// without BOM unless asked, LF line ends. The file appears only on <see cref="Commit"/>;
/// until then the previous result stays in place (see <see cref="AtomicFileWriter"/>).
/// </summary>
public sealed class BankResultWriter : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly AtomicFileWriter _file;
    private readonly StreamWriter _writer;
    private readonly StringBuilder _line = new();
    private bool _writerClosed;

    /// <summary>Starts a result file at <paramref name="path"/>.</summary>
    public BankResultWriter(string path, bool byteOrderMark = false)
    {
        _file = new AtomicFileWriter(path);
        _writer = new StreamWriter(_file.Stream, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        if (byteOrderMark) _file.Stream.Write([0xEF, 0xBB, 0xBF]);
    }

    /// <summary>Target path.</summary>
    public string Path => _file.Path;

    /// <summary>Lines written so far.</summary>
    public long LinesWritten { get; private set; }

    /// <summary>Appends one line.</summary>
    public void WriteLine(IReadOnlyList<ResultField> fields)
    {
        _line.Clear();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) _line.Append(',');
            _line.Append(fields[i].ToString());
        }
        _writer.Write(_line);
        _writer.Write('\n');
        LinesWritten++;
    }

    /// <summary>Appends one line.</summary>
    public void WriteLine(params ResultField[] fields) => WriteLine((IReadOnlyList<ResultField>)fields);

    /// <summary>Makes the file visible, replacing any previous one.</summary>
    public void Commit()
    {
        CloseWriter(); // flushes; the stream stays open for the commit
        _file.Commit();
    }

    /// <summary>Discards the file unless committed.</summary>
    public void Dispose()
    {
        CloseWriter();
        _file.Dispose();
    }

    private void CloseWriter()
    {
        // StreamWriter flushes its stream even on a second Dispose; the file may be gone by then.
        if (_writerClosed) return;
        _writerClosed = true;
        _writer.Dispose();
    }

    /// <summary>Writes a whole result file in one call.</summary>
    public static long WriteAll(string path, IEnumerable<IReadOnlyList<ResultField>> lines, bool byteOrderMark = false)
    {
        using var writer = new BankResultWriter(path, byteOrderMark);
        foreach (var line in lines) writer.WriteLine(line);
        writer.Commit();
        return writer.LinesWritten;
    }
}
