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
/// <remarks>Built on a loaded data set or on a <see cref="RetailFile"/> read in chunks (see <see cref="RetailInput"/>).</remarks>
public sealed class ProductOpportunityRequest(RetailInput input)
{
    /// <summary>The retail file, loaded.</summary>
    public CustomerDataSet Data => input.Loaded;

    /// <summary>The retail file, when read in chunks (null: <see cref="Data"/>).</summary>
    public RetailFile? File => input.File;

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
        if (request.File is { } file) return FindInFile(request, file, null, sink, cancellationToken);
        Check(request);
        var data = request.Data;
        var ids = SegmentationJob.RequireIds(data);
        var names = data.Names;
        var holdings = ProductHoldings.FromData(data, sink);
        var products = Resolve(request, holdings);
        int[]? clusters = null;
        IReadOnlyList<CrossSellRule>? rules = null;
        if (request.Method == OpportunityMethod.Rules)
            (rules, clusters) = CrossSellJob.RulesFor(data, holdings, request.Rules, request.PerCluster, request.Model, request.Mining, sink, cancellationToken);
        var rows = new CustomerRows(i => ids[i]!, i => names?[i], data.GetSourceLine, data.Source);
        var sets = rules is null ? null : RuleSets.Build(rules, holdings.Products); // once, for every product
        return List(request, holdings, products, rows, p => sets is not null
            ? RuleScores(holdings, p, sets, clusters)
            : Propensity(request, holdings, p, sink, cancellationToken), sink, cancellationToken);
    }

    /// <summary>
    /// The same opportunities from a file read in chunks: a first pass keeps each customer's id, line
    /// and holdings (or takes <paramref name="customers"/> from an earlier job on the same file); each
    /// product's propensity model is trained on its sample, read again by line; one more pass scores
    /// every customer chunk by chunk. Memory is a chunk, the sample and a score per customer.
    /// </summary>
    public static IEnumerable<ProductOpportunity> FindInFile(ProductOpportunityRequest request, RetailFile file, RetailCustomers? customers, IOperationSink sink,
        CancellationToken cancellationToken = default)
    {
        Check(request);
        bool segmented = request.Method == OpportunityMethod.Rules && CrossSellJob.Segmented(request.Rules, request.PerCluster);
        var model = segmented ? request.Model ?? SegmentationModel.LoadShipped() : null;
        if (customers is null || (segmented && customers.Segments is null))
            customers = file.ReadCustomers(model, null, null, sink, cancellationToken);
        var holdings = customers.Holdings;
        var products = Resolve(request, holdings);
        var rows = new CustomerRows(i => customers.Ids[i]!, i => customers.Names?[i], i => customers.Lines[i], file.Path);
        if (request.Method == OpportunityMethod.Rules)
        {
            var rules = request.Rules ?? CrossSellJob.Mine(holdings, segmented ? customers.Segments : null, model?.ClusterCount ?? 0, request.Mining, sink, cancellationToken);
            var sets = RuleSets.Build(rules, holdings.Products);
            return List(request, holdings, products, rows, p => RuleScores(holdings, p, sets, segmented ? customers.Segments : null), sink, cancellationToken);
        }
        var scores = PropensityInFile(request, file, customers, products, sink, cancellationToken);
        return List(request, holdings, products, rows, p => scores.GetValueOrDefault(p), sink, cancellationToken);
    }

    private static void Check(ProductOpportunityRequest request)
    {
        if (request.Top is < 1)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"Top must be at least 1 (got {request.Top}).", request.Top);
        if (request.MaxTrainingRows < 100)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"MaxTrainingRows must be at least 100 (got {request.MaxTrainingRows}).", request.MaxTrainingRows);
        if (request.MinScore is { } given && !(given is >= 0 and <= 1))
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, $"MinScore must be between 0 and 1 (got {given}).", given);
    }

    private static int[] Resolve(ProductOpportunityRequest request, ProductHoldings holdings)
    {
        var products = request.Products.Select(p => ProductNames.Resolve(holdings.Products, p)).Distinct().ToArray();
        if (products.Length == 0)
            throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument, "Name at least one product.", request.Products);
        return products;
    }

    /// <summary>Who row i is, however the customers are held.</summary>
    private sealed record CustomerRows(Func<int, string> Id, Func<int, string?> Name, Func<int, int> Line, string Source);

    private static IEnumerable<ProductOpportunity> List(ProductOpportunityRequest request, ProductHoldings holdings, int[] products, CustomerRows rows,
        Func<int, Scoring?> score, IOperationSink sink, CancellationToken cancellationToken)
    {
        const string activity = "Finding product opportunities";
        for (int step = 0; step < products.Length; step++)
        {
            int p = products[step];
            var product = holdings.Products[p];
            sink.Progress(new OperationProgress(activity, $"{product.Name} ({step + 1} of {products.Length})", (double)step / products.Length));
            int bit = 1 << p;
            int holders = holdings.Masks.Count(m => (m & bit) != 0);
            var scoring = score(p);
            if (scoring is null) continue;
            var scores = scoring.Scores;
            double minimum = request.MinScore ?? scoring.DefaultMinimum;
            var candidates = Enumerable.Range(0, holdings.Count)
                .Where(i => (holdings.Masks[i] & bit) == 0 && !double.IsNaN(scores[i]) && scores[i] >= minimum)
                .OrderByDescending(i => scores[i]).ThenBy(i => i)
                .Take(request.Top ?? int.MaxValue)
                .ToArray();
            sink.Verbose($"Opportunities for {product.Name} ({request.Method}): {candidates.Length:N0} of {holdings.Count - holders:N0} non-holders{(double.IsNegativeInfinity(minimum) ? "" : $" score at least {minimum:F4}")}.");
            for (int r = 0; r < candidates.Length; r++)
            {
                if ((r & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                int i = candidates[r];
                yield return new ProductOpportunity
                {
                    ProductCode = product.ResultCode,
                    Product = product.Name,
                    CustomerId = rows.Id(i),
                    CustomerName = rows.Name(i),
                    Score = scores[i],
                    Rank = r + 1,
                    Method = request.Method.ToString(),
                    Rule = scoring.Rules?[i]?.Rule.Text(),
                    HeldProducts = holdings.Text(holdings.Masks[i]),
                    Line = rows.Line(i),
                    File = rows.Source,
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
    private static Scoring? Propensity(ProductOpportunityRequest request, ProductHoldings holdings, int product, IOperationSink sink, CancellationToken cancellationToken)
    {
        var data = request.Data;
        if (!CanLearn(holdings, product, data.Source, sink)) return null;
        var sample = Sample(request, holdings, product);
        var labels = new bool?[data.RowCount];
        foreach (int i in sample) labels[i] = (holdings.Masks[i] & (1 << product)) != 0;
        var (trained, plan) = TrainPropensity(request, holdings, product, data, labels, sample.Length, sink, cancellationToken);
        var scores = Logistic.Probabilities(trained.Model.Classifier.PredictRaw(plan.Apply(data, sink), cancellationToken));
        return WithMedianCut(holdings, product, scores, trained, sink);
    }

    /// <summary>Propensity scores of every customer of a file read in chunks: each product's sample read again and trained on, then one scoring pass for all products.</summary>
    private static Dictionary<int, Scoring> PropensityInFile(ProductOpportunityRequest request, RetailFile file, RetailCustomers customers, int[] products,
        IOperationSink sink, CancellationToken cancellationToken)
    {
        var holdings = customers.Holdings;
        var reference = FileMonthEnd(file, customers, sink, cancellationToken);
        var models = new List<(int Product, ModelTrainingResult Trained, FeaturePlan Plan, double[] Scores, UnseenValues Unseen)>();
        foreach (int p in products)
        {
            if (!CanLearn(holdings, p, file.Path, sink)) continue;
            var sample = Sample(request, holdings, p);
            var rows = new DataSetChunks(sample.Length, customers.Summary);
            file.ReadAgain(customers, sample, null, (chunk, _) => rows.Add(chunk), sink, cancellationToken);
            var labels = sample.Select(i => (bool?)((holdings.Masks[i] & (1 << p)) != 0)).ToArray();
            var (trained, plan) = TrainPropensity(request, holdings, p, rows.Build(), labels, sample.Length, sink, cancellationToken, reference);
            rows = null;
            PhaseEnd.ReleaseGarbage(); // the sample and the training's copies of it
            models.Add((p, trained, plan, new double[customers.Count], new UnseenValues()));
        }
        if (models.Count == 0) return [];
        // The scoring pass overlaps reading and scoring: while the trees score one chunk (on the pool),
        // the loader parses the next into its other set of buffers. At most one chunk is being scored
        // (each call first waits for the last); its warnings wait in a queue and are said here, on the
        // caller's thread.
        var once = new OnceSink(sink);
        var warnings = new QueueSink();
        Task? scoring = null;
        void Finish()
        {
            scoring?.GetAwaiter().GetResult();
            scoring = null;
            warnings.SayTo(once);
        }
        try
        {
            file.ReadAgain(customers, null, null, (chunk, first) =>
            {
                Finish();
                scoring = Task.Run(() =>
                {
                    foreach (var m in models)
                        Logistic.Probabilities(m.Trained.Model.Classifier.PredictRaw(m.Plan.Apply(chunk, warnings, null, m.Unseen), cancellationToken)).CopyTo(m.Scores, first);
                }, cancellationToken);
            }, sink, cancellationToken, overlap: true);
        }
        catch
        {
            // The read failed (or was cancelled): the chunk being scored is waited for, its own failure
            // set aside — the read's error is the one to report.
            try { scoring?.Wait(CancellationToken.None); } catch (AggregateException) { }
            throw;
        }
        Finish();
        foreach (var m in models) m.Unseen.Say(file.Path, once);
        PhaseEnd.ReleaseGarbage();
        return models.ToDictionary(m => m.Product, m => WithMedianCut(holdings, m.Product, m.Scores, m.Trained, sink)!);
    }

    private static bool CanLearn(ProductHoldings holdings, int product, string source, IOperationSink sink)
    {
        int bit = 1 << product;
        int holders = holdings.Masks.Count(m => (m & bit) != 0);
        if (holders >= 10 && holdings.Count - holders >= 10) return true;
        sink.Warning($"{source}: {holders:N0} of {holdings.Count:N0} customers hold {holdings.Products[product].Name}; too few holders or non-holders to learn who takes it, so no opportunities for it.");
        return false;
    }

    private static int[] Sample(ProductOpportunityRequest request, ProductHoldings holdings, int product) =>
        new SeededRandom((ulong)request.Seed ^ (ulong)(product + 1) * 0x9E37UL).SampleRows(holdings.Count, request.MaxTrainingRows);

    /// <summary>
    /// The end of the file's data month, read from every customer's dates (what a loaded file's plan
    /// measures dates to) — not from a training sample's; null for a schema without dates (Retail).
    /// </summary>
    private static DateOnly? FileMonthEnd(RetailFile file, RetailCustomers customers, IOperationSink sink, CancellationToken cancellationToken)
    {
        var schema = file.Options.Schema;
        var dates = schema.Columns.Where(c => c.Type == Data.Schemas.ColumnType.Date).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (dates.Count == 0) return null;
        var dated = Data.Reading.CustomerDataLoader.Load(file.Path, file.Options.ForPass(dates, customers.Lines, customers.Summary), new SecondPassSink(sink), cancellationToken);
        return FeaturePlan.LatestMonthEnd(dated);
    }

    private static (ModelTrainingResult Trained, FeaturePlan Plan) TrainPropensity(ProductOpportunityRequest request, ProductHoldings holdings, int product,
        CustomerDataSet data, bool?[] labels, int sampled, IOperationSink sink, CancellationToken cancellationToken, DateOnly? referenceDate = null)
    {
        var definition = holdings.Products[product];
        var exclude = definition.BalanceColumns.Concat(definition.RelatedColumns).Distinct(StringComparer.Ordinal).ToArray();
        var plan = FeaturePlan.FromData(data, exclude, referenceDate);
        sink.Verbose($"Opportunities for {definition.Name}: propensity model on {sampled:N0} sampled customers, {plan.Features.Count} features (left out: {string.Join(", ", exclude)}).");
        var trained = ClassifierTraining.Train(new TrainingInput($"propensity for {definition.Name}", data, plan, null, labels, 0, ModelAlgorithm.Gbdt,
            request.Gbdt, new LogisticRegressionOptions(), 0.2, request.Seed, new Dictionary<string, string>(), null, Profiled: false), sink, cancellationToken);
        return (trained, plan);
    }

    private static Scoring WithMedianCut(ProductHoldings holdings, int product, double[] scores, ModelTrainingResult trained, IOperationSink sink)
    {
        int bit = 1 << product;
        // Default cut: score at least as high as the typical (median) holder — "looks like the
        // customers who have it". The maximum-F1 threshold the other jobs use is no filter here:
        // for a product most customers hold (deposits, ~80%) it passes nearly every non-holder.
        var holderScores = Enumerable.Range(0, scores.Length).Where(i => (holdings.Masks[i] & bit) != 0).Select(i => scores[i]).Order().ToArray();
        double median = holderScores[holderScores.Length / 2];
        sink.Verbose($"Opportunities for {holdings.Products[product].Name}: held-out ROC-AUC {trained.RocAuc:F4}; the median holder scores {median:F4}.");
        return new Scoring(scores, median, null);
    }
}
