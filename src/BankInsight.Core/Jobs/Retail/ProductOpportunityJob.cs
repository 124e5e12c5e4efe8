using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Features;
using BankInsight.Learners;
using BankInsight.Results;

namespace BankInsight.Jobs.Retail;

/// <summary>How product opportunities are scored.</summary>
public enum OpportunityMethod
{
    /// <summary>A gradient-boosted model of holders vs non-holders, without the product's own columns (default).</summary>
    Propensity,
    /// <summary>The confidence of the best association rule that points to the product from what the customer holds.</summary>
    Rules,
}

/// <summary>How to find product opportunities.</summary>
public sealed class ProductOpportunityRequest(CustomerDataSet data)
{
    /// <summary>The retail file.</summary>
    public CustomerDataSet Data { get; } = data;

    /// <summary>Products by alias, name or code (SPEC: deposit "01" and insurance "02").</summary>
    public IReadOnlyList<string> Products { get; init; } = ["Deposit", "Insurance"];

    /// <summary>Propensity (default) or Rules.</summary>
    public OpportunityMethod Method { get; init; } = OpportunityMethod.Propensity;

    /// <summary>Keep customers scoring at least this (default: Propensity — the median score of the product's holders; Rules — any matching rule).</summary>
    public double? MinScore { get; init; }

    /// <summary>At most this many customers per product, best first (null: all above the threshold).</summary>
    public int? Top { get; init; }

    /// <summary>Rules method: rules to use (null: mined here with <see cref="Mining"/>).</summary>
    public IReadOnlyList<CrossSellRule>? Rules { get; init; }

    /// <summary>Rules method: mining settings.</summary>
    public RuleMiningSettings Mining { get; init; } = new();

    /// <summary>Rules method: mine per segment.</summary>
    public bool PerCluster { get; init; }

    /// <summary>Rules method: the segmentation (null: the shipped model).</summary>
    public SegmentationModel? Model { get; init; }

    /// <summary>Propensity: customers sampled to train on (all when fewer).</summary>
    public int MaxTrainingRows { get; init; } = 100_000;

    /// <summary>Propensity: seed of the sample, hold-out and trees.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Propensity: tree hyper-parameters.</summary>
    public GbdtOptions Gbdt { get; init; } = new();
}

/// <summary>
/// Product opportunity mining (SPEC "4."): for each requested product, the customers who do not
/// hold it, scored by how likely they are to take it, best first. Each (product, customer) pair
/// appears once; every non-holder is considered — including the first customer of the file,
/// whom the old delivery skipped.
/// </summary>
public static class ProductOpportunityJob
{
    /// <summary>Opportunities, product by product in the requested order, best first within a product.</summary>
    public static IEnumerable<ProductOpportunity> Find(ProductOpportunityRequest request, IOperationSink sink, CancellationToken cancellationToken = default)
    {
        if (request.Top is < 1)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"Top must be at least 1 (got {request.Top}).", request.Top);
        if (request.MaxTrainingRows < 100)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"MaxTrainingRows must be at least 100 (got {request.MaxTrainingRows}).", request.MaxTrainingRows);
        var data = request.Data;
        var ids = SegmentationJob.RequireIds(data);
        var names = data.Names;
        var holdings = ProductHoldings.FromData(data, sink);
        var products = request.Products.Select(p => ProductNames.Resolve(holdings.Products, p)).Distinct().ToArray();
        if (products.Length == 0)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, "Name at least one product.", request.Products);
        Dictionary<int, List<RuleSets.Entry>>? sets = null;
        int[]? clusters = null;
        if (request.Method == OpportunityMethod.Rules)
        {
            (var rules, clusters) = CrossSellJob.RulesFor(data, holdings, request.Rules, request.PerCluster, request.Model, request.Mining, sink, cancellationToken);
            sets = RuleSets.Build(rules, holdings.Products);
        }
        const string activity = "Finding product opportunities";
        for (int step = 0; step < products.Length; step++)
        {
            int p = products[step];
            var product = holdings.Products[p];
            sink.Progress(new OperationProgress(activity, $"{product.Name} ({step + 1} of {products.Length})", (double)step / products.Length));
            int bit = 1 << p;
            int holders = holdings.Masks.Count(m => (m & bit) != 0);
            var scoring = request.Method == OpportunityMethod.Rules
                ? RuleScores(holdings, p, sets!, clusters)
                : Propensity(request, holdings, p, holders, sink, cancellationToken);
            if (scoring is null) continue;
            var scores = scoring.Scores;
            if (request.MinScore is { } given && !(given is >= 0 and <= 1))
                throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"MinScore must be between 0 and 1 (got {given}).", given);
            double minimum = request.MinScore ?? scoring.DefaultMinimum;
            var candidates = Enumerable.Range(0, data.RowCount)
                .Where(i => (holdings.Masks[i] & bit) == 0 && !double.IsNaN(scores[i]) && scores[i] >= minimum)
                .OrderByDescending(i => scores[i]).ThenBy(i => i)
                .Take(request.Top ?? int.MaxValue)
                .ToArray();
            sink.Verbose($"Opportunities for {product.Name} ({request.Method}): {candidates.Length:N0} of {data.RowCount - holders:N0} non-holders{(double.IsNegativeInfinity(minimum) ? "" : $" score at least {minimum:F4}")}.");
            for (int r = 0; r < candidates.Length; r++)
            {
                if ((r & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                int i = candidates[r];
                yield return new ProductOpportunity
                {
                    ProductCode = product.ResultCode,
                    Product = product.Name,
                    CustomerId = ids[i]!,
                    CustomerName = names?[i],
                    Score = scores[i],
                    Rank = r + 1,
                    Method = request.Method.ToString(),
                    Rule = scoring.Rules?[i]?.Rule.Text(),
                    HeldProducts = holdings.Text(holdings.Masks[i]),
                    Line = data.GetSourceLine(i),
                    File = data.Source,
                };
            }
        }
        sink.Progress(new OperationProgress(activity, $"{products.Length} products", 1, Completed: true));
    }

    /// <summary>A score per customer (NaN: not scored), the cut used when the caller gives none, and for the rules method the rule behind each score.</summary>
    private sealed record Scoring(double[] Scores, double DefaultMinimum, RuleSets.Entry?[]? Rules);

    /// <summary>The best confidence of a rule whose antecedents the customer holds and whose consequents include the product (NaN: no rule).</summary>
    private static Scoring RuleScores(ProductHoldings holdings, int product, Dictionary<int, List<RuleSets.Entry>> sets, int[]? clusters)
    {
        int bit = 1 << product, patterns = 1 << holdings.Products.Count;
        var best = new Dictionary<int, RuleSets.Entry?[]>();
        foreach (var (key, entries) in sets)
        {
            var table = best[key] = new RuleSets.Entry?[patterns];
            var ranked = entries.Where(e => (e.Consequent & bit) != 0)
                .OrderByDescending(e => e.Rule.Confidence).ThenByDescending(e => e.Rule.Lift).ThenBy(e => e.Order).ToArray();
            for (int mask = 0; mask < patterns; mask++)
                if ((mask & bit) == 0) table[mask] = ranked.FirstOrDefault(e => (e.Antecedent & ~mask) == 0);
        }
        var scores = new double[holdings.Count];
        var rules = new RuleSets.Entry?[holdings.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            int key = clusters is not null && best.ContainsKey(clusters[i]) ? clusters[i] : RuleSets.Overall;
            var e = rules[i] = best.TryGetValue(key, out var t) ? t[holdings.Masks[i]] : null;
            scores[i] = e?.Rule.Confidence ?? double.NaN;
        }
        return new Scoring(scores, double.NegativeInfinity, rules);
    }

    /// <summary>Probabilities of holding the product from a model of holders vs non-holders trained without the product's own columns.</summary>
    private static Scoring? Propensity(ProductOpportunityRequest request, ProductHoldings holdings, int product, int holders, IOperationSink sink, CancellationToken cancellationToken)
    {
        var data = request.Data;
        var definition = holdings.Products[product];
        int bit = 1 << product;
        if (holders < 10 || data.RowCount - holders < 10)
        {
            sink.Warning($"{data.Source}: {holders:N0} of {data.RowCount:N0} customers hold {definition.Name}; too few holders or non-holders to learn who takes it, so no opportunities for it.");
            return null;
        }
        var exclude = definition.BalanceColumns.Concat(definition.RelatedColumns).Distinct(StringComparer.Ordinal).ToArray();
        var plan = FeaturePlan.FromData(data, exclude);
        var sample = new SeededRandom((ulong)request.Seed ^ (ulong)(product + 1) * 0x9E37UL).SampleRows(data.RowCount, request.MaxTrainingRows);
        var labels = new bool?[data.RowCount];
        foreach (int i in sample) labels[i] = (holdings.Masks[i] & bit) != 0;
        sink.Verbose($"Opportunities for {definition.Name}: propensity model on {sample.Length:N0} sampled customers, {plan.Features.Count} features (left out: {string.Join(", ", exclude)}).");
        var trained = ClassifierTraining.Train(new TrainingInput($"propensity for {definition.Name}", data, plan, null, labels, 0, ModelAlgorithm.Gbdt,
            request.Gbdt, new LogisticRegressionOptions(), 0.2, request.Seed, new Dictionary<string, string>(), null, Profiled: false), sink, cancellationToken);
        var scores = Logistic.Probabilities(trained.Model.Classifier.PredictRaw(plan.Apply(data, sink), cancellationToken));
        // Default cut: score at least as high as the typical (median) holder — "looks like the
        // customers who have it". The maximum-F1 threshold the other jobs use is no filter here:
        // for a product most customers hold (deposits, ~80%) it passes nearly every non-holder.
        var holderScores = Enumerable.Range(0, scores.Length).Where(i => (holdings.Masks[i] & bit) != 0).Select(i => scores[i]).Order().ToArray();
        double median = holderScores[holderScores.Length / 2];
        sink.Verbose($"Opportunities for {definition.Name}: held-out ROC-AUC {trained.RocAuc:F4}; the median holder scores {median:F4}.");
        return new Scoring(scores, median, null);
    }
}
