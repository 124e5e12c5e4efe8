using BankInsight.Data.Columns;
using BankInsight.Data.Reading;

namespace BankInsight.Data;

/// <summary>
/// Puts the chunks of a pass over chosen rows together into one data set that is what loading the whole
/// file and keeping those rows would give: columns the whole file left empty are left out, and
/// categorical codes are renumbered to the whole file's category list (a pass over some rows meets
/// new values in another order). Each chunk is copied in as it arrives, into arrays of the final size,
/// so the chunks are not held: for training sets drawn from a file that is never loaded whole.
/// </summary>
internal sealed class DataSetChunks(int rows, LoadSummary file)
{
    private readonly HashSet<string> _dropped = file.DroppedColumns.ToHashSet(StringComparer.Ordinal);
    private readonly List<Builder> _columns = [];
    private readonly int[] _lines = new int[rows];
    private BankInsight.Data.Schemas.BankSchema? _schema;
    private int _at;

    /// <summary>Copies in the next chunk's rows.</summary>
    public void Add(CustomerDataSet chunk)
    {
        if (_at + chunk.RowCount > rows) throw new InvalidOperationException($"More than the {rows:N0} rows expected.");
        if (_schema is null)
        {
            _schema = chunk.Schema;
            foreach (var column in chunk.Columns)
                if (!_dropped.Contains(column.Name)) _columns.Add(Builder.For(column, rows, file));
        }
        foreach (var builder in _columns) builder.Add(chunk[builder.Definition.Name], _at);
        chunk.SourceLines.CopyTo(_lines, _at);
        _at += chunk.RowCount;
    }

    /// <summary>The data set of every row added.</summary>
    public CustomerDataSet Build()
    {
        if (_schema is null || _at != rows) throw new InvalidOperationException($"{_at:N0} of the {rows:N0} rows expected were added.");
        var summary = new LoadSummary(file.Source, file.SchemaName, file.EncodingName, file.EncodingDetected, file.HadByteOrderMark, file.HadHeader,
            rows, rows, new Dictionary<RejectReason, int>(), 0, file.DroppedColumns, file.IgnoredHeaderColumns, null, file.EncodingReason);
        return new CustomerDataSet(_schema, _columns.Select(c => c.Build()).ToList(), _lines, summary);
    }

    private abstract class Builder(Schemas.SchemaColumn definition)
    {
        public Schemas.SchemaColumn Definition { get; } = definition;

        public abstract void Add(DataColumn part, int at);

        public abstract DataColumn Build();

        public static Builder For(DataColumn column, int rows, LoadSummary file) => column switch
        {
            NumericColumn => new Numbers(column.Definition, rows),
            CategoricalColumn c => new Categories(column.Definition, rows, file.Categories.GetValueOrDefault(column.Name) ?? [.. c.Categories]),
            DateColumn => new Dates(column.Definition, rows),
            _ => new Texts(column.Definition, rows),
        };
    }

    private sealed class Numbers(Schemas.SchemaColumn definition, int rows) : Builder(definition)
    {
        private readonly double[] _values = new double[rows];

        public override void Add(DataColumn part, int at) => ((NumericColumn)part).Values.CopyTo(_values.AsSpan(at));

        public override DataColumn Build() => new NumericColumn(Definition, _values, NullMask.OfNaN(_values));
    }

    private sealed class Categories(Schemas.SchemaColumn definition, int rows, string[] categories) : Builder(definition)
    {
        private readonly int[] _codes = new int[rows];
        private readonly Dictionary<string, int> _index = Index(categories);

        private static Dictionary<string, int> Index(string[] categories)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < categories.Length; i++) index.TryAdd(categories[i], i);
            return index;
        }

        public override void Add(DataColumn part, int at)
        {
            // A chunk's codes index its own (cumulative) list: map them by label to the file's.
            var column = (CategoricalColumn)part;
            var map = column.Categories.Select(c => _index.TryGetValue(c, out int i) ? i : -1).ToArray();
            var source = column.Codes;
            for (int r = 0; r < source.Length; r++)
            {
                int code = source[r] < 0 ? -1 : map[source[r]];
                if (source[r] >= 0 && code < 0)
                    throw new InvalidOperationException($"Column {column.Name}: '{column.Categories[source[r]]}' was not in the file when it was first read.");
                _codes[at + r] = code;
            }
        }

        public override DataColumn Build() => new CategoricalColumn(Definition, _codes, categories, NullMask.OfValue(_codes, -1));
    }

    private sealed class Dates(Schemas.SchemaColumn definition, int rows) : Builder(definition)
    {
        private readonly int[] _days = new int[rows];

        public override void Add(DataColumn part, int at) => ((DateColumn)part).DayNumbers.CopyTo(_days.AsSpan(at));

        public override DataColumn Build() => new DateColumn(Definition, _days, NullMask.OfValue(_days, DateColumn.Missing));
    }

    private sealed class Texts(Schemas.SchemaColumn definition, int rows) : Builder(definition)
    {
        private readonly string?[] _texts = new string?[rows];

        public override void Add(DataColumn part, int at)
        {
            var column = (TextColumn)part;
            for (int r = 0; r < column.Length; r++) _texts[at + r] = column[r];
        }

        public override DataColumn Build() => new TextColumn(Definition, _texts, NullMask.OfNull(_texts));
    }
}
