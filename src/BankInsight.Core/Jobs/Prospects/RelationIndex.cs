using System.Globalization;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Columns;
using BankInsight.Data.Reading;
using BankInsight.Features;

namespace BankInsight.Jobs.Prospects;

/// <summary>One related party of a customer.</summary>
/// <param name="Type">Relation type code (关系类型), or "" when empty.</param>
/// <param name="RelatedId">The related party's id.</param>
/// <param name="RelatedName">The related party's name.</param>
/// <param name="IsCustomer">Whether it banks with us (null when unknown).</param>
/// <param name="HasLoan">Whether it has a loan with us (null when unknown).</param>
/// <param name="ParentType">上级关系类型: a code or a dictionary name (null when empty or not in the file).</param>
/// <param name="Licence">营业执照 (null when empty or not in the file): tells a company from a person.</param>
public sealed record Relation(string Type, string? RelatedId, string? RelatedName, bool? IsCustomer, bool? HasLoan, string? ParentType = null, string? Licence = null)
{
    /// <summary>What the related party is and how it is related (see <see cref="RelatedPartyClassifier"/>).</summary>
    public RelatedPartyClass Classify() => RelatedPartyClassifier.Classify(Type, ParentType, RelatedName, Licence);
}

/// <summary>
/// The relation file grouped by customer, and the relation features made from it: number of
/// related parties overall and by relation type, and the shares that are our customers and
/// that have a loan with us (over the parties where that is known).
/// </summary>
public sealed class RelationIndex
{
    /// <summary>Feature name: related parties.</summary>
    public const string CountFeature = "关联方:数量";
    /// <summary>Feature name: share that are our customers.</summary>
    public const string CustomerShareFeature = "关联方:我行客户占比";
    /// <summary>Feature name: share with a loan at the bank.</summary>
    public const string LoanShareFeature = "关联方:贷款客户占比";
    /// <summary>Prefix of the per-type count features.</summary>
    public const string TypeFeaturePrefix = "关联方:类型=";

    private readonly Dictionary<string, List<Relation>> _byCustomer;

    private RelationIndex(Dictionary<string, List<Relation>> byCustomer, int rows)
    {
        _byCustomer = byCustomer;
        Rows = rows;
    }

    /// <summary>An index with no relations (no relation file given).</summary>
    public static RelationIndex Empty { get; } = new(new Dictionary<string, List<Relation>>(StringComparer.Ordinal), 0);

    /// <summary>Relation rows indexed.</summary>
    public int Rows { get; }

    /// <summary>Customers with at least one relation.</summary>
    public int Customers => _byCustomer.Count;

    /// <summary>Groups a relation data set (schema ProspectRelation or one with the same columns) by customer.</summary>
    public static RelationIndex Build(CustomerDataSet relations)
    {
        if (relations.Find(ProspectColumns.Id) is not TextColumn ids)
            throw new BankInsightException(ErrorIds.FileLayoutInvalid, ErrorKind.InvalidData,
                $"{relations.Source} has no '{ProspectColumns.Id}' text column; is it the relation file?", relations.Source);
        var types = relations.Find(ProspectColumns.RelationType);
        var parentTypes = relations.Find(ProspectColumns.ParentRelationType);
        var licences = relations.Find(ProspectColumns.RelatedLicence) as TextColumn;
        var relatedIds = relations.Find(ProspectColumns.RelatedId) as TextColumn;
        var relatedNames = relations.Find(ProspectColumns.RelatedName) as TextColumn;
        var isCustomer = relations.Find(ProspectColumns.RelatedIsCustomer) as NumericColumn;
        var hasLoan = relations.Find(ProspectColumns.RelatedHasLoan) as NumericColumn;
        var byCustomer = new Dictionary<string, List<Relation>>(StringComparer.Ordinal);
        for (int r = 0; r < relations.RowCount; r++)
        {
            string? id = ids[r];
            if (id is null) continue; // the loader rejects relation rows without a customer id; a data set made otherwise may still hold one
            id = CustomerIds.JoinKey(id);
            string type = Code(types, r) ?? "";
            var relation = new Relation(type, relatedIds?[r], relatedNames?[r], Flag(isCustomer, r), Flag(hasLoan, r), Code(parentTypes, r), licences?[r]);
            if (!byCustomer.TryGetValue(id, out var list)) byCustomer[id] = list = [];
            list.Add(relation);
        }
        return new RelationIndex(byCustomer, relations.RowCount);
    }

    private static string? Code(DataColumn? column, int row) => column switch
    {
        CategoricalColumn c => c[row],
        TextColumn t => t[row],
        _ => null,
    };

    private static bool? Flag(NumericColumn? column, int row) => column is null || double.IsNaN(column[row]) ? null : column[row] == 1;

    /// <summary>The relations of one customer (empty when none); ids match by <see cref="CustomerIds.JoinKey"/>.</summary>
    public IReadOnlyList<Relation> Of(string customerId) => _byCustomer.TryGetValue(CustomerIds.JoinKey(customerId), out var list) ? list : [];

    /// <summary>Relation rows whose customer is none of <paramref name="customerIds"/> (joined by <see cref="CustomerIds.JoinKey"/>).</summary>
    public int RowsMatchingNone(IEnumerable<string?> customerIds)
    {
        var known = new HashSet<string>(customerIds.Where(id => id is not null).Select(id => CustomerIds.JoinKey(id!)), StringComparer.Ordinal);
        return _byCustomer.Where(c => !known.Contains(c.Key)).Sum(c => c.Value.Count);
    }

    /// <summary>
    /// The relation types worth a feature: those on at least 1% of relation rows (at least 5
    /// rows), at most 12, most frequent first (ties by code).
    /// </summary>
    public IReadOnlyList<string> FrequentTypes()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var list in _byCustomer.Values)
            foreach (var r in list)
                if (r.Type.Length > 0) counts[r.Type] = counts.GetValueOrDefault(r.Type) + 1;
        int minimum = Math.Max(5, (int)Math.Ceiling(Rows * 0.01));
        return counts.Where(c => c.Value >= minimum).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(12).Select(c => c.Key).ToList();
    }

    /// <summary>The feature specs for <paramref name="types"/> (values come from <see cref="Features"/>).</summary>
    public static IEnumerable<FeatureSpec> Specs(IReadOnlyList<string> types) =>
        new[] { CountFeature, CustomerShareFeature, LoanShareFeature }.Concat(types.Select(t => TypeFeaturePrefix + t))
            .Select(name => new FeatureSpec(name, name, FeatureTransform.Supplied, []));

    /// <summary>The relation feature values for every row of <paramref name="prospects"/>.</summary>
    public Dictionary<string, double[]> Features(CustomerDataSet prospects, IReadOnlyList<string> types)
    {
        int n = prospects.RowCount;
        var ids = prospects.Ids!;
        var count = new double[n];
        var customerShare = new double[n];
        var loanShare = new double[n];
        var byType = types.ToDictionary(t => t, _ => new double[n], StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var list = Of(ids[i]!);
            count[i] = list.Count;
            customerShare[i] = Share(list, r => r.IsCustomer);
            loanShare[i] = Share(list, r => r.HasLoan);
            foreach (var r in list)
                if (byType.TryGetValue(r.Type, out var column)) column[i]++;
        }
        var features = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            [CountFeature] = count,
            [CustomerShareFeature] = customerShare,
            [LoanShareFeature] = loanShare,
        };
        foreach (var (type, column) in byType) features[TypeFeaturePrefix + type] = column;
        return features;
    }

    /// <summary>Relation types and counts of one customer: "0301×2; 0201×1".</summary>
    public string? Summary(string customerId)
    {
        var list = Of(customerId);
        if (list.Count == 0) return null;
        return string.Join("; ", list.GroupBy(r => r.Type.Length == 0 ? "?" : r.Type)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}×{g.Count().ToString(CultureInfo.InvariantCulture)}"));
    }

    private static double Share(IReadOnlyList<Relation> list, Func<Relation, bool?> flag)
    {
        int known = 0, yes = 0;
        foreach (var r in list)
        {
            if (flag(r) is not bool b) continue;
            known++;
            if (b) yes++;
        }
        return known == 0 ? double.NaN : (double)yes / known;
    }
}
