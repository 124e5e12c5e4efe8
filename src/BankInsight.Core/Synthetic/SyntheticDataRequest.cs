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

    /// <summary>Most months one sequence may hold: ten years of monthly files.</summary>
    public const int MaxMonths = 120;

    /// <summary>
    /// Null (the default) for one file of one month, made by the single-month story. A number
    /// (1 to <see cref="MaxMonths"/>, CorporateChurn only) for a sequence of that many monthly
    /// files of the same companies, the last one the month of <see cref="AsOf"/>, made by the
    /// monthly story (see <see cref="SyntheticMonths"/>). <see cref="Customers"/> is then the
    /// number of companies in the first month.
    /// </summary>
    public int? Months { get; init; }

    /// <summary>Checks the request, naming the parameter at fault.</summary>
    public void Validate()
    {
        if (Customers < 0)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"Customers must be 0 or more (got {Customers}).", Customers);
        if (!BuiltInSchemas.Names.Contains(BuiltInSchemas.Get(Schema).Name))
            throw new BankInsightException(ErrorIds.SchemaNotFound, ErrorKind.ObjectNotFound, $"Synthetic data exists only for the built-in schemas ({string.Join(", ", BuiltInSchemas.Names)}).", Schema);
        if (Months is not { } months) return;
        if (BuiltInSchemas.Get(Schema).Name != BuiltInSchemas.CorporateChurn)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"Monthly sequences (--months, -Months) exist only for CorporateChurn, not {BuiltInSchemas.Get(Schema).Name}: make one file without a number of months.", Schema);
        if (months is < 1 or > MaxMonths)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"Months must be 1 to {MaxMonths} (got {months}).", months);
        if (SyntheticMonths.CompanyCount(Customers, months) > int.MaxValue)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
                $"{Customers:N0} customers over {months} months, with the companies that join, exceed {int.MaxValue:N0} companies; ask for fewer.", Customers);
    }
}
