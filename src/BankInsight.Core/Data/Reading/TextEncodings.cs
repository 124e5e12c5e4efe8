using System.Globalization;
using System.Text;
using BankInsight.Common;

namespace BankInsight.Data.Reading;

/// <summary>
/// The two encodings the bank's files come in — UTF-8 and GB18030 (a superset of GBK and
/// GB2312) — by name, and detection between them (by the evidence of its lines: ChooseByEvidence).
/// </summary>
/// <remarks>
/// GB18030 is taken straight from <see cref="CodePagesEncodingProvider"/> rather than through
/// <see cref="Encoding.GetEncoding(int)"/>, so the core never needs (or changes) the
/// process-wide provider registration.
/// </remarks>
public static class TextEncodings
{
    private const int Gb18030CodePage = 54936;

    /// <summary>UTF-8 without BOM that throws on invalid bytes (reading) and writes no preamble.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 that writes a byte order mark (for files Excel opens by double-click); reads as <see cref="Utf8"/>.</summary>
    public static Encoding Utf8Bom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>GB18030 that throws on bytes it cannot decode.</summary>
    public static Encoding Gb18030 { get; } = CreateGb18030();

    private static Encoding CreateGb18030()
    {
        var provided = CodePagesEncodingProvider.Instance.GetEncoding(Gb18030CodePage)
            ?? throw new InvalidOperationException("GB18030 (code page 54936) is not available in this runtime.");
        var strict = (Encoding)provided.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        strict.EncoderFallback = EncoderFallback.ExceptionFallback;
        return strict;
    }

    /// <summary>Names to offer for reading files (completion and help).</summary>
    public static IReadOnlyList<string> ReadNames { get; } = ["Auto", "utf8", "gb18030", "gbk"];

    /// <summary>Names to offer for writing files (completion and help), PowerShell's spelling where it has one.</summary>
    public static IReadOnlyList<string> WriteNames { get; } = ["utf8", "utf8NoBOM", "utf8BOM", "gb18030"];

    /// <summary>
    /// The encoding named <paramref name="name"/>: utf-8/utf8/utf8NoBOM, utf8BOM (UTF-8 that writes a
    /// byte order mark), gb18030/gbk/gb2312/cp936/936/54936; null for "auto", empty or null (detect).
    /// Anything else is an error naming the choices.
    /// </summary>
    public static Encoding? Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        switch (name.Trim().ToLowerInvariant())
        {
            case "auto":
                return null;
            case "utf-8":
            case "utf8":
            case "utf8nobom":
            case "65001":
                return Utf8;
            case "utf8bom":
                return Utf8Bom;
            case "gb18030":
            case "gbk":
            case "gb2312":
            case "cp936":
            case "936":
            case "54936":
                return Gb18030;
            default:
                throw new BankInsightException(ErrorIds.EncodingUnsupported, ErrorKind.InvalidArgument,
                    $"Unknown encoding '{name}'. Use utf8 (no byte order mark), utf8BOM, gb18030 (also for GBK/GB2312 files), or Auto when reading.", name);
        }
    }

    /// <summary>Short name for messages and summaries ("utf-8", "gb18030").</summary>
    public static string NameOf(Encoding encoding) => encoding.CodePage == Gb18030CodePage ? "gb18030" : encoding.WebName;

    /// <summary>True for the GB18030 encoding.</summary>
    public static bool IsGb18030(Encoding encoding) => encoding.CodePage == Gb18030CodePage;

    /// <summary>
    /// Reads <paramref name="stream"/> from its current position to the end in 1 MB blocks,
    /// counting lines and (when <paramref name="checkUtf8"/>) checking that every byte is
    /// valid UTF-8; a sequence cut at a block edge is carried into the next block.
    /// </summary>
    internal static (bool ValidUtf8, long Lines) Scan(Stream stream, bool checkUtf8, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1 << 20];
        int carried = 0;
        long lineFeeds = 0;
        bool valid = checkUtf8;
        byte last = (byte)'\n';
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read = stream.ReadAtLeast(buffer.AsSpan(carried), buffer.Length - carried, throwOnEndOfStream: false);
            lineFeeds += buffer.AsSpan(carried, read).Count((byte)'\n');
            if (read > 0) last = buffer[carried + read - 1];
            int length = carried + read;
            bool end = read == 0 || length < buffer.Length;
            if (valid)
            {
                int complete = end ? length : length - IncompleteTail(buffer.AsSpan(0, length));
                valid = System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, complete));
                carried = length - complete;
                buffer.AsSpan(complete, carried).CopyTo(buffer);
            }
            else
            {
                carried = 0;
            }
            // A last line without a line feed is a line too.
            if (end) return (valid, lineFeeds + (last == (byte)'\n' ? 0 : 1));
        }
    }

    /// <summary>
    /// Lines of <paramref name="bytes"/> that hold non-ASCII bytes, and of those the ones that are
    /// not valid UTF-8: the evidence <see cref="ChooseByEvidence"/> weighs. A last line cut off by the
    /// end of the span is not counted (it may end in the middle of a character).
    /// </summary>
    internal static (long NonAscii, long Invalid) CountLines(ReadOnlySpan<byte> bytes, bool complete)
    {
        long nonAscii = 0, invalid = 0;
        while (!bytes.IsEmpty)
        {
            int end = bytes.IndexOf((byte)'\n');
            if (end < 0 && !complete) break;
            var line = end < 0 ? bytes : bytes[..end];
            if (line.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
            {
                nonAscii++;
                if (!System.Text.Unicode.Utf8.IsValid(line)) invalid++;
            }
            bytes = end < 0 ? default : bytes[(end + 1)..];
        }
        return (nonAscii, invalid);
    }

    /// <summary>
    /// The encoding the evidence points to, why, and a warning when the evidence is mixed. GBK text
    /// is almost never valid UTF-8, so in a GB18030 file nearly every line with Chinese text fails;
    /// in a UTF-8 file such lines are valid, and a stray byte fails only its own line. So: UTF-8
    /// when more lines of non-ASCII text are valid UTF-8 than not — the invalid ones reject their
    /// own rows, loudly — and GB18030 otherwise. Read the other way, a UTF-8 line in GB18030 comes
    /// out as other Chinese characters, silently: the majority decides, and a mixed file is warned of.
    /// </summary>
    internal static (Encoding Encoding, string Reason, string? Warning) ChooseByEvidence(long nonAsciiLines, long invalidLines, string scope)
    {
        if (invalidLines == 0)
            return (Utf8, $"{scope} is valid UTF-8", null);
        long valid = nonAsciiLines - invalidLines;
        if (valid > invalidLines)
        {
            string reason = string.Create(CultureInfo.InvariantCulture,
                $"UTF-8: {invalidLines:N0} of the {nonAsciiLines:N0} lines of {scope} with non-ASCII text {(invalidLines == 1 ? "is" : "are")} not valid UTF-8, the rest are");
            return (Utf8, reason, $"{reason}; {(invalidLines == 1 ? "that row is" : "those rows are")} rejected (-Encoding gb18030 / --encoding gb18030 if the file is GB18030/GBK)");
        }
        string gb = string.Create(CultureInfo.InvariantCulture,
            $"GB18030: {invalidLines:N0} of the {nonAsciiLines:N0} lines of {scope} with non-ASCII text are not valid UTF-8");
        // A GB18030 line is valid UTF-8 by chance now and then (a short name); more looks like a mix.
        string? mixed = valid * 20 > nonAsciiLines
            ? string.Create(CultureInfo.InvariantCulture, $"{valid:N0} of the {nonAsciiLines:N0} lines of {scope} with non-ASCII text are valid UTF-8 but are read as GB18030, so their text is garbled: the file seems to mix two encodings. Convert it to one (-Encoding / --encoding picks one).")
            : null;
        return (Gb18030, gb, mixed);
    }

    /// <summary>
    /// <see cref="CountLines(ReadOnlySpan{byte}, bool)"/> over the rest of <paramref name="stream"/>, in 1 MB blocks (a line cut
    /// at a block edge is carried into the next block). A second pass, taken only for a file that is
    /// not valid UTF-8 throughout.
    /// </summary>
    internal static (long NonAscii, long Invalid) CountLines(Stream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1 << 20];
        int carried = 0;
        long nonAscii = 0, invalid = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // One line longer than the buffer: grow, up to the longest line the reader accepts; past
            // that the block is weighed as a line of its own (the reader then refuses the file).
            if (carried == buffer.Length)
            {
                if (buffer.Length < DelimitedRecordReader.MaxLineBytes) Array.Resize(ref buffer, buffer.Length * 2);
                else
                {
                    var (longNonAscii, longInvalid) = CountLines(buffer, complete: true);
                    (nonAscii, invalid, carried) = (nonAscii + longNonAscii, invalid + longInvalid, 0);
                }
            }
            int read = stream.ReadAtLeast(buffer.AsSpan(carried), buffer.Length - carried, throwOnEndOfStream: false);
            int length = carried + read;
            bool end = read == 0 || length < buffer.Length;
            var block = buffer.AsSpan(0, length);
            int cut = end ? length : block.LastIndexOf((byte)'\n') + 1;
            if (cut == 0 && !end) cut = 0; // no line end yet: carry everything
            var (n, i) = CountLines(block[..cut], complete: true);
            nonAscii += n;
            invalid += i;
            if (end) return (nonAscii, invalid);
            carried = length - cut;
            block[cut..].CopyTo(buffer);
        }
    }

    /// <summary>True when <paramref name="prefix"/> is valid UTF-8, ignoring a sequence cut off at its end.</summary>
    internal static bool IsValidUtf8Prefix(ReadOnlySpan<byte> prefix) =>
        System.Text.Unicode.Utf8.IsValid(prefix[..(prefix.Length - IncompleteTail(prefix))]);

    /// <summary>Bytes at the end that start a multi-byte sequence the block does not finish.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (int back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            byte b = bytes[^back];
            if ((b & 0xC0) == 0x80) continue; // continuation byte: keep looking for the lead
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }
        return 0;
    }
}
