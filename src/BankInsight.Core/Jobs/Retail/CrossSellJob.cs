using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Results;
using BankInsight.Rules;

namespace BankInsight.Jobs.Retail;

/// <summary>How a customer's holdings must match a rule's antecedents.</summary>
public enum RuleMatch
{
    /// <summary>The antecedents are among the products held and no consequent is held yet (default).</summary>
    Subset,
    /// <summary>The products held are exactly the antecedents (the old delivery's behaviour).</summary>
    Exact,
}

/// <summary>How to mine cross-selling rules.</summary>
public sealed class CrossSellRuleRequest(CustomerDataSet data)
{
    /// <summary>The retail file.</summary>
    public CustomerDataSet Data { get; } = data;

    /// <summary>Support, filters, algorithm.</summary>
    public RuleMiningSettings Mining { get; init; } = new();

    /// <summary>Mine each segment separately (else all customers together).</summary>
    public bool PerCluster { get; init; }

    /// <summary>The segmentation for <see cref="PerCluster"/> (null: the shipped model).</summary>
    public SegmentationModel? Model { get; init; }
}

/// <summary>How to recommend products.</summary>
/// <remarks>Built on a loaded data set or on a <see cref="RetailFile"/> read in chunks (see <see cref="RetailInput"/>).</remarks>
public sealed class CrossSellRecommendationRequest(RetailInput input)
{
    /// <summary>The retail file, loaded.</summary>
    public CustomerDataSet Data => input.Loaded;

    /// <summary>The retail file, when read in chunks (null: <see cref="Data"/>).</summary>
    public RetailFile? File => input.File;

    /// <summary>Rules to use (e.g. from Get-CrossSellRule); null mines them from <see cref="Data"/> with <see cref="Mining"/>.</summary>
    public IReadOnlyList<CrossSellRule>? Rules { get; init; }

    /// <summary>Support, filters, algorithm — when the rules are mined here.</summary>
    public RuleMiningSettings Mining { get; init; } = new();

    /// <summary>Mine per segment (when mining here).</summary>
    public bool PerCluster { get; init; }

    /// <summary>The segmentation, when rules are per segment (null: the shipped model).</summary>
    public SegmentationModel? Model { get; init; }

    /// <summary>Subset (default) or Exact.</summary>
    public RuleMatch Match { get; init; } = RuleMatch.Subset;

    /// <summary>Recommendations per customer.</summary>
    public int Top { get; init; } = 1;

    /// <summary>Use only rules with at least this lift (default <see cref="CrossSellJob.DefaultMinOfferLift"/>), whoever mined them.</summary>
    public double MinLift { get; init; } = CrossSellJob.DefaultMinOfferLift;
}

/// <summary>
/// Retail cross-selling (SPEC "3."): association rules over the 8 products, overall or per
/// segment, and each customer's best matching rules as recommendations.
/// </summary>
/// <remarks>
/// Recommending is a table lookup: with P products there are only 2^P holding patterns, so the
/// ranked rules of every pattern are worked out once per rule set and each customer costs one
/// array access — a million customers take well under a second.
/// </remarks>
public static class CrossSellJob
{
    /// <summary>
    /// The least lift a rule needs to make an offer: 1.1, the customer at least 10% likelier than
    /// the segment as a whole to hold the products. Rules between 1.0 and 1.1 are noise at a
    /// segment's size and made half the offers on generated data (see about_BankInsight).
    /// </summary>
    public const double DefaultMinOfferLift = 1.1;

    /// <summary>Mines the rules: all customers together, or each segment on its own (segments in order).</summary>
    public static IReadOnlyList<CrossSellRule> Rules(CrossSellRuleRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        var holdings = ProductHoldings.FromData(request.Data, sink);
        return RulesFor(request.Data, holdings, null, request.PerCluster, request.Model, request.Mining, sink, cancellationToken).Rules;
    }

    /// <summary>
    /// Mines the rules of customers a pass over a file kept: all together, or per segment when
    /// <paramref name="perCluster"/> (the customers must then carry their segments, 1..<paramref name="clusterCount"/>).
    /// </summary>
    public static IReadOnlyList<CrossSellRule> Rules(RetailCustomers customers, RuleMiningSettings mining, bool perCluster, int clusterCount, IOperationSink sink,
        CancellationToken cancellationToken = default)
    {
        if (perCluster && customers.Segments is null)
            throw new ArgumentException("Rules per segment need the customers' segments (read them with a segmentation).", nameof(customers));
        return Mine(customers.Holdings, perCluster ? customers.Segments : null, clusterCount, mining, sink, cancellationToken);
    }

    /// <summary>Each customer's best rules (file order; customers with no matching rule are left out and counted).</summary>
    public static IEnumerable<CrossSellRecommendation> Recommend(CrossSellRecommendationRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        if (request.File is { } file) return RecommendInFile(request, file, null, sink, cancellationToken);
        Check(request);
        var data = request.Data;
        var ids = SegmentationJob.RequireIds(data);
        var names = data.Names;
        var holdings = ProductHoldings.FromData(data, sink);
        var (rules, clusters) = RulesFor(data, holdings, request.Rules, request.PerCluster, request.Model, request.Mining, sink, cancellationToken);
        return Recommend(request, holdings, rules, clusters, i => ids[i]!, i => names?[i], data.GetSourceLine, data.Source, sink, cancellationToken);
    }

    /// <summary>
    /// The same recommendations from a file read in chunks: one pass keeps each customer's id, line,
    /// holdings and (for rules per segment) segment — or takes <paramref name="customers"/> from an
    /// earlier job on the same file — and the offers are made from those alone.
    /// </summary>
    public static IEnumerable<CrossSellRecommendation> RecommendInFile(CrossSellRecommendationRequest request, RetailFile file, RetailCustomers? customers,
        IOperationSink sink, CancellationToken cancellationToken = default)
    {
        Check(request);
        bool segmented = Segmented(request.Rules, request.PerCluster);
        var model = segmented ? request.Model ?? SegmentationModel.LoadShipped() : null;
        if (segmented) sink.Verbose($"Segmenting with {model}.");
        if (customers is null || (segmented && customers.Segments is null))
            customers = file.ReadCustomers(model, null, null, sink, cancellationToken);
        var clusters = segmented ? customers.Segments : null;
        var rules = request.Rules ?? Mine(customers.Holdings, clusters, model?.ClusterCount ?? 0, request.Mining, sink, cancellationToken);
        return Recommend(request, customers.Holdings, rules, clusters, i => customers.Ids[i]!, i => customers.Names?[i], i => customers.Lines[i], file.Path, sink, cancellationToken);
    }

    private static void Check(CrossSellRecommendationRequest request)
    {
        if (request.Top < 1)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"Top must be at least 1 (got {request.Top}).", request.Top);
        if (!(request.MinLift >= 0) || double.IsInfinity(request.MinLift))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"MinLift must be a number of 0 or more (got {request.MinLift}).", request.MinLift);
    }

    private static IEnumerable<CrossSellRecommendation> Recommend(CrossSellRecommendationRequest request, ProductHoldings holdings, IReadOnlyList<CrossSellRule> rules,
        int[]? clusters, Func<int, string> id, Func<int, string?> name, Func<int, int> line, string source, IOperationSink sink, CancellationToken cancellationToken)
    {
        int customers = holdings.Count;
        var sets = RuleSets.Build(rules, holdings.Products);
        var tables = new Dictionary<int, RuleSets.Entry[][]>();
        RuleSets.Entry[][] TableFor(int key) =>
            tables.TryGetValue(key, out var t) ? t : tables[key] = RuleSets.Table(sets[key], holdings.Products.Count, request.Match, request.Top, request.MinLift);
        int unmatched = 0;
        const string activity = "Recommending products";
        for (int i = 0; i < customers; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sink.Progress(new OperationProgress(activity, $"{i:N0} of {customers:N0} customers", (double)i / customers));
            }
            int? cluster = clusters?[i];
            int key = cluster is { } c && sets.ContainsKey(c) ? c : RuleSets.Overall;
            if (!sets.ContainsKey(key)) { unmatched++; continue; }
            int mask = holdings.Masks[i];
            var ranked = TableFor(key)[mask];
            if (ranked.Length == 0) { unmatched++; continue; }
            string held = holdings.Text(mask);
            int offered = 0;
            for (int r = 0; r < ranked.Length; r++)
            {
                var rule = ranked[r].Rule;
                int fresh = ranked[r].Consequent & ~offered; // what this rank adds to the better ones
                offered |= ranked[r].Consequent;
                yield return new CrossSellRecommendation
                {
                    CustomerId = id(i),
                    CustomerName = name(i),
                    Cluster = cluster,
                    Rank = r + 1,
                    HeldProducts = held,
                    RecommendedProducts = holdings.Text(fresh),
                    ProductCodes = holdings.Codes(fresh),
                    Confidence = rule.Confidence,
                    Lift = rule.Lift,
                    Support = rule.Support,
                    BaseRate = rule.ConsequentSupport,
                    Rule = rule.Text(),
                    Line = line(i),
                    File = source,
                };
            }
        }
        sink.Progress(new OperationProgress(activity, $"{customers:N0} customers", 1, Completed: true));
        sink.Verbose($"Cross-sell: {customers - unmatched:N0} of {customers:N0} customers matched a rule ({request.Match} match, lift ≥ {request.MinLift}); {unmatched:N0} have none.");
    }

    /// <summary>
    /// The rules a job works with and each customer's segment (null when not segmented): the given
    /// rules — segmenting the customers when those rules were mined per segment — or rules mined
    /// here, per segment when <paramref name="perCluster"/>. The segmentation is
    /// <paramref name="model"/>, or the shipped one when segments are needed and none is given.
    /// </summary>
    internal static (IReadOnlyList<CrossSellRule> Rules, int[]? Clusters) RulesFor(CustomerDataSet data, ProductHoldings holdings,
        IReadOnlyList<CrossSellRule>? given, bool perCluster, SegmentationModel? model, RuleMiningSettings mining, IOperationSink sink, CancellationToken cancellationToken)
    {
        bool segmented = Segmented(given, perCluster);
        var (clusters, k) = segmented ? Segments(data, model, sink, cancellationToken) : (null, 0);
        return (given ?? Mine(holdings, clusters, k, mining, sink, cancellationToken), clusters);
    }

    /// <summary>Whether customers need their segment: the rules given were mined per segment, or (none given) they are mined per segment.</summary>
    public static bool Segmented(IReadOnlyList<CrossSellRule>? given, bool perCluster) =>
        given is not null ? given.Any(r => r.Cluster is not null) : perCluster;

    /// <summary>Segments of <paramref name="data"/> under <paramref name="model"/> (or the shipped one).</summary>
    internal static (int[] Clusters, int Count) Segments(CustomerDataSet data, SegmentationModel? model, IOperationSink sink, CancellationToken cancellationToken)
    {
        model ??= SegmentationModel.LoadShipped();
        sink.Verbose($"Segmenting with {model}.");
        var (clusters, _) = model.Assign(data, sink, model.Options.Threads, cancellationToken);
        return (clusters, model.ClusterCount);
    }

    /// <summary>Rules over all customers (<paramref name="clusters"/> null) or per segment 1..<paramref name="clusterCount"/>.</summary>
    internal static IReadOnlyList<CrossSellRule> Mine(ProductHoldings holdings, int[]? clusters, int clusterCount, RuleMiningSettings mining, IOperationSink sink, CancellationToken cancellationToken)
    {
        var result = new List<CrossSellRule>();
        if (clusters is null)
        {
            result.AddRange(MineOne(holdings, holdings.ToTransactions(), null, mining, sink, cancellationToken));
        }
        else
        {
            var members = new List<int>[clusterCount];
            for (int c = 0; c < clusterCount; c++) members[c] = [];
            for (int i = 0; i < clusters.Length; i++) members[clusters[i] - 1].Add(i);
            for (int c = 0; c < clusterCount; c++)
            {
                sink.Progress(new OperationProgress("Mining cross-selling rules", $"segment {c + 1} of {clusterCount}", (double)c / clusterCount));
                if (members[c].Count == 0) { sink.Verbose($"Cross-sell: segment {c + 1} has no customers in this file."); continue; }
                result.AddRange(MineOne(holdings, holdings.ToTransactions(members[c].ToArray()), c + 1, mining, sink, cancellationToken));
            }
            sink.Progress(new OperationProgress("Mining cross-selling rules", $"{clusterCount} segments", 1, Completed: true));
        }
        return result;
    }

    private static IEnumerable<CrossSellRule> MineOne(ProductHoldings holdings, TransactionSet transactions, int? cluster, RuleMiningSettings mining, IOperationSink sink, CancellationToken cancellationToken)
    {
        var itemsets = FrequentItemsets.Mine(transactions, mining.MinSupport, mining.Algorithm, mining.MaxLength, cancellationToken);
        var rules = RuleGenerator.Generate(itemsets, transactions.Count, mining.Filter, cancellationToken);
        string scope = cluster is { } c ? $"segment {c} ({transactions.Count:N0} customers)" : $"all {transactions.Count:N0} customers";
        sink.Verbose($"Cross-sell: {scope}: {itemsets.Count} frequent itemsets at support {mining.MinSupport}, {rules.Count} rules pass the filters ({mining.Algorithm}).");
        int Mask(int[] items) => items.Aggregate(0, (m, i) => m | 1 << i);
        return rules.Select(r => new CrossSellRule
        {
            Cluster = cluster,
            Customers = transactions.Count,
            Antecedents = holdings.Names(Mask(r.Antecedent)).ToTextList(),
            Consequents = holdings.Names(Mask(r.Consequent)).ToTextList(),
            AntecedentCodes = holdings.Codes(Mask(r.Antecedent)),
            ConsequentCodes = holdings.Codes(Mask(r.Consequent)),
            AntecedentSupport = r.AntecedentSupport,
            ConsequentSupport = r.ConsequentSupport,
            Support = r.Support,
            Confidence = r.Confidence,
            Lift = r.Lift,
            Leverage = r.Leverage,
            Conviction = double.IsPositiveInfinity(r.Conviction) ? null : r.Conviction,
            ZhangsMetric = r.ZhangsMetric,
            Jaccard = r.Jaccard,
            Certainty = r.Certainty,
            Kulczynski = r.Kulczynski,
        });
    }
}
