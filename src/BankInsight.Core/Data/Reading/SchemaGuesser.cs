using System.Text;
using BankInsight.Common;
using BankInsight.Data.Schemas;

namespace BankInsight.Data.Reading;

/// <summary>
/// Picks the built-in schema of a file when the user did not name one: by header names when
/// the first line is a header, else by field count, and when several schemas have that many
/// columns (CorporateProspect and ProspectRelation both have 12) by which of them reads the
/// first lines without rejecting any. Ambiguity is an error that lists the candidates.
/// </summary>
public static class SchemaGuesser
{
    private const int SampleBytes = 1 << 16;

    /// <summary>The built-in schema <paramref name="path"/> most likely follows.</summary>
    public static BankSchema Guess(string path, char delimiter = ',', Encoding? encoding = null)
    {
        byte[] sample;
        try
        {
            using var stream = File.OpenRead(path);
            sample = new byte[(int)Math.Min(SampleBytes, stream.Length)];
            stream.ReadExactly(sample);
        }
        catch (FileNotFoundException e)
        {
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound, $"Data file '{path}' does not exist.", path, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.ReadError, $"Data file '{path}' cannot be read: {e.Message}", path, e);
        }
        // Whole lines only, so a cut last line does not count against a schema.
        int lastLine = Array.LastIndexOf(sample, (byte)'\n');
        if (lastLine > 0 && sample.Length == SampleBytes) Array.Resize(ref sample, lastLine + 1);

        var candidates = new List<(BankSchema Schema, LoadSummary Summary)>();
        foreach (var schema in BuiltInSchemas.GetAll())
        {
            var options = new DataLoadOptions(schema) { Delimiter = delimiter, Encoding = encoding, DuplicateIds = DuplicateIdPolicy.Keep };
            try
            {
                var data = CustomerDataLoader.Load(new MemoryStream(sample, writable: false), path, options, NullSink.Instance);
                candidates.Add((schema, data.Summary));
            }
            catch (BankInsightException)
            {
                // Wrong field count for this schema: not a candidate.
            }
        }
        var byHeader = candidates.Where(c => c.Summary.HadHeader).ToList();
        if (byHeader.Count > 0)
            return byHeader.OrderBy(c => c.Summary.IgnoredHeaderColumns.Count).ThenBy(c => c.Summary.DroppedColumns.Count).First().Schema;
        // The schema that reads the most lines wins, if it reads at least half of them and
        // clearly more than any other (a few bad rows must not make a file ambiguous).
        var ranked = candidates.OrderByDescending(c => c.Summary.RowsLoaded).ToList();
        if (ranked.Count == 1) return ranked[0].Schema;
        if (ranked.Count > 1 && ranked[0].Summary.RowsLoaded * 2 >= ranked[0].Summary.RecordsRead
            && ranked[0].Summary.RowsLoaded > ranked[1].Summary.RowsLoaded)
            return ranked[0].Schema;
        var pool = ranked.Where(c => c.Summary.RowsLoaded == ranked[0].Summary.RowsLoaded).ToList();
        string names = pool.Count == 0
            ? $"none of the built-in schemas ({string.Join(", ", BuiltInSchemas.Names)}) fits its first line"
            : $"it could be {string.Join(" or ", pool.Select(c => c.Schema.Name))}";
        throw new BankInsightException(ErrorIds.SchemaAmbiguous, ErrorKind.InvalidArgument,
            $"Cannot tell the schema of '{path}': {names}. Name one with -Schema (or --schema).", path);
    }
}
