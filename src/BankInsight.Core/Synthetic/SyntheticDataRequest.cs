using System.Text;
using BankInsight.Common;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;

namespace BankInsight.Synthetic;

/// <summary>What synthetic data to make.</summary>
public sealed class SyntheticDataRequest
{
    /// <summary>Default seed: fixed, so two runs without a seed agree.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Default data month end: every synthetic file describes October 2026 unless told otherwise.</summary>
    public static readonly DateOnly DefaultAsOf = new(2026, 10, 31);

    /// <summary>A request for <paramref name="customers"/> customers of built-in schema <paramref name="schema"/>.</summary>
    public SyntheticDataRequest(string schema, int customers)
    {
        Schema = schema;
        Customers = customers;
    }

    /// <summary>Built-in schema name: CorporateChurn, CorporateProspect, ProspectRelation or Retail.</summary>
    public string Schema { get; init; }

    /// <summary>
    /// Number of customers. One line each, except ProspectRelation: there it is the number of
    /// companies whose related parties are listed (the same companies as a CorporateProspect
    /// file made with the same seed and count), so the file has a varying number of lines.
    /// </summary>
    public int Customers { get; init; }

    /// <summary>Seed; the same seed and count give byte-identical files.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Output encoding (UTF-8 without BOM or GB18030).</summary>
    public Encoding Encoding { get; init; } = TextEncodings.Utf8;

    /// <summary>Last day of the month the data describes (dates in the corporate file are before it).</summary>
    public DateOnly AsOf { get; init; } = DefaultAsOf;

    /// <summary>Checks the request, naming the parameter at fault.</summary>
    public void Validate()
    {
        if (Customers < 0)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"Customers must be 0 or more (got {Customers}).", Customers);
        if (!BuiltInSchemas.Names.Contains(BuiltInSchemas.Get(Schema).Name))
            throw new BankInsightException(ErrorIds.SchemaNotFound, ErrorKind.ObjectNotFound, $"Synthetic data exists only for the built-in schemas ({string.Join(", ", BuiltInSchemas.Names)}).", Schema);
    }
}
