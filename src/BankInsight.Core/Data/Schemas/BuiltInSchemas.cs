using BankInsight.Common;

namespace BankInsight.Data.Schemas;

/// <summary>
/// The four schemas that ship with BankInsight, taken from the bank's <c>columns.ini</c>
/// (see tools/make-schemas.py) and embedded in the assembly.
/// </summary>
public static class BuiltInSchemas
{
    /// <summary>Corporate churn early warning input (69 columns).</summary>
    public const string CorporateChurn = "CorporateChurn";
    /// <summary>Corporate prospect input (12 columns).</summary>
    public const string CorporateProspect = "CorporateProspect";
    /// <summary>Related parties of corporate customers (12 columns).</summary>
    public const string ProspectRelation = "ProspectRelation";
    /// <summary>Retail customers (134 columns).</summary>
    public const string Retail = "Retail";

    /// <summary>Names of the built-in schemas, in the order the jobs are described in SPEC.</summary>
    public static IReadOnlyList<string> Names { get; } = [CorporateChurn, CorporateProspect, ProspectRelation, Retail];

    // Parsed once per process: the schemas are immutable, so sharing them is safe.
    private static readonly Lazy<IReadOnlyDictionary<string, BankSchema>> All = new(LoadAll);

    /// <summary>The built-in schema with this name (case-insensitive).</summary>
    public static BankSchema Get(string name)
    {
        foreach (var (key, schema) in All.Value)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return schema;
        throw new BankInsightException(ErrorIds.SchemaNotFound, ErrorKind.ObjectNotFound,
            $"There is no built-in schema '{name}'. Built-in schemas: {string.Join(", ", Names)}; or pass the path of a schema JSON file.", name);
    }

    /// <summary>
    /// A built-in schema by name, or a schema JSON file when <paramref name="nameOrPath"/> is not
    /// a built-in name (a path is anything ending in .json or containing a directory separator).
    /// </summary>
    public static BankSchema Resolve(string nameOrPath)
    {
        bool looksLikePath = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || nameOrPath.Contains('/') || nameOrPath.Contains('\\');
        return looksLikePath ? SchemaJson.Load(nameOrPath) : Get(nameOrPath);
    }

    /// <summary>All built-in schemas.</summary>
    public static IEnumerable<BankSchema> GetAll() => Names.Select(n => All.Value[n]);

    private static IReadOnlyDictionary<string, BankSchema> LoadAll()
    {
        var assembly = typeof(BuiltInSchemas).Assembly;
        var result = new Dictionary<string, BankSchema>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            string resource = $"BankInsight.Schemas.{name}.json";
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The assembly lacks the embedded schema '{resource}'.");
            using var reader = new StreamReader(stream);
            result[name] = SchemaJson.Parse(reader.ReadToEnd(), $"built-in {name}");
        }
        return result;
    }
}
