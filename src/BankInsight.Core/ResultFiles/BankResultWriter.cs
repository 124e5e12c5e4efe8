using System.Text;
using BankInsight.Common;
using BankInsight.Data.Reading;

namespace BankInsight.ResultFiles;

/// <summary>
/// Writes the bank's <c>.txt</c> result format: one record per line, comma separated, text
/// in double quotes (inner quotes doubled), numbers bare, nulls empty and unquoted, UTF-8
/// without BOM unless another encoding is asked for, LF line ends. The file appears only on <see cref="Commit"/>;
/// until then the previous result stays in place (see <see cref="AtomicFileWriter"/>).
/// </summary>
public sealed class BankResultWriter : ICommittedFile
{
    private readonly AtomicFileWriter _file;
    private readonly Encoding _encoding;
    private readonly bool _checkEachLine;
    private readonly StreamWriter _writer;
    private readonly StringBuilder _line = new();
    private bool _writerClosed;

    /// <summary>
    /// Starts a result file at <paramref name="path"/> in <paramref name="encoding"/> (default UTF-8
    /// without BOM; an encoding with a preamble, such as UTF-8 with BOM, writes it first). A text
    /// the encoding cannot represent is refused with its line, never written as '?'.
    /// </summary>
    public BankResultWriter(OutputFile path, Encoding? encoding = null)
    {
        _encoding = Strict(encoding ?? TextEncodings.Utf8);
        // UTF-8 and GB18030 represent every character; other encodings are checked line by line,
        // so that a failure names the object rather than surfacing at a later buffer flush.
        _checkEachLine = _encoding is not UTF8Encoding && !TextEncodings.IsGb18030(_encoding);
        _file = new AtomicFileWriter(path);
        _writer = new StreamWriter(_file.Stream, _encoding, 1 << 16, leaveOpen: true) { NewLine = "\n" };
    }

    private static Encoding Strict(Encoding encoding)
    {
        if (encoding.EncoderFallback is EncoderExceptionFallback) return encoding;
        var strict = (Encoding)encoding.Clone();
        strict.EncoderFallback = EncoderFallback.ExceptionFallback;
        return strict;
    }

    /// <summary>Give text that a spreadsheet would read as a formula a leading apostrophe (see <see cref="SpreadsheetText"/>).</summary>
    public bool SpreadsheetSafe { get; init; }

    /// <summary>
    /// Let an empty result replace a previous one that was not empty. Off by default: an empty
    /// warning list where last month's had 300 names is far more often a wrong parameter or a
    /// wrong file than the truth, and a monthly job must not pass it on silently.
    /// </summary>
    public bool AllowEmpty { get; init; }

    /// <summary>Target path.</summary>
    public string Path => _file.Path;

    /// <summary>Lines written so far.</summary>
    public long LinesWritten { get; private set; }

    /// <summary>Appends one line.</summary>
    public void WriteLine(IReadOnlyList<ResultField> fields)
    {
        // A control character (a line break, a NUL) would break the one-record-per-line format.
        foreach (var field in fields)
            if (field.Kind == ResultFieldKind.Text && TextRules.FirstForbidden(field.Text) is var at and >= 0)
                throw new BankInsightException(ErrorIds.ResultValueInvalid, ErrorKind.InvalidData,
                    $"Line {LinesWritten + 1}: the text '{TextRules.Visible(field.Text!)}' holds {TextRules.Describe(field.Text![at])}, which would break the result file's lines.", field.Text);
        _line.Clear();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) _line.Append(',');
            var field = fields[i];
            if (SpreadsheetSafe && field.Kind == ResultFieldKind.Text && SpreadsheetText.LooksLikeFormula(field.Text))
                field = ResultField.FromText(SpreadsheetText.Neutralize(field.Text));
            _line.Append(field.ToString());
        }
        if (_checkEachLine)
        {
            try
            {
                _encoding.GetByteCount(_line.ToString());
            }
            catch (EncoderFallbackException e)
            {
                throw new BankInsightException(ErrorIds.ResultValueInvalid, ErrorKind.InvalidData,
                    $"Line {LinesWritten + 1} holds '{e.CharUnknown}', which {_encoding.WebName} cannot represent: {_line}", _line.ToString(), e);
            }
        }
        try
        {
            _writer.Write(_line);
            _writer.Write('\n');
        }
        catch (IOException e)
        {
            throw WriteFailed(e);
        }
        LinesWritten++;
    }

    /// <summary>Appends one line.</summary>
    public void WriteLine(params ResultField[] fields) => WriteLine((IReadOnlyList<ResultField>)fields);

    /// <summary>Makes the file visible, replacing any previous one.</summary>
    public void Commit()
    {
        Prepare();
        Publish();
    }

    /// <inheritdoc />
    public void Prepare()
    {
        try
        {
            CloseWriter(); // flushes; the stream stays open for the commit
        }
        catch (IOException e)
        {
            throw WriteFailed(e);
        }
        RequireNotEmptied();
        _file.Prepare();
    }

    private void RequireNotEmptied()
    {
        if (LinesWritten > 0 || AllowEmpty || !File.Exists(Path) || new FileInfo(Path).Length == 0) return;
        long previous = CountLines(Path);
        throw new BankInsightException(ErrorIds.ResultEmpty, ErrorKind.InvalidData,
            $"The new '{Path}' would be empty, and the one it would replace has {previous:N0} line(s): that one stays. Check the input and the thresholds; if an empty result is right, allow it (--allow_empty, -AllowEmpty).", Path);
    }

    private static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read, last = '\n';
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        return last == '\n' ? lines : lines + 1;
    }

    // A full disk or a lost share: an error about the file, not a bug (the runner's exit 2).
    private BankInsightException WriteFailed(IOException e) =>
        new(ErrorIds.OutputWriteFailed, ErrorKind.WriteError, $"Cannot write '{Path}': {e.Message}", Path, e);

    /// <inheritdoc />
    public void Publish() => _file.Publish();

    /// <summary>Discards the file unless committed. Never throws (see <see cref="AtomicFileWriter.Dispose"/>).</summary>
    public void Dispose()
    {
        try
        {
            CloseWriter();
        }
        catch (Exception e) when (e is IOException or BankInsightException)
        {
            // Flushing failed (a full disk); the temporary file is dropped below all the same.
        }
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
    public static long WriteAll(OutputFile path, IEnumerable<IReadOnlyList<ResultField>> lines, Encoding? encoding = null)
    {
        using var writer = new BankResultWriter(path, encoding);
        foreach (var line in lines) writer.WriteLine(line);
        writer.Commit();
        return writer.LinesWritten;
    }
}
