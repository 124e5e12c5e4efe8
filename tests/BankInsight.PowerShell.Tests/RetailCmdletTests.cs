using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Jobs;
using BankInsight.Jobs.Retail;
using BankInsight.PowerShell.Commands;
using BankInsight.Results;
using BankInsight.Rules;
using BankInsight.Synthetic;

namespace BankInsight.PowerShell.Tests;

/// <summary>A synthetic retail file in a temporary folder, made once for the cmdlet tests.</summary>
public sealed class RetailFiles : IDisposable
{
    private readonly TempFolder _folder = new();

    public RetailFiles() =>
        SyntheticDataGenerator.GenerateFile(new SyntheticDataRequest("Retail", 4000) { Seed = 31 }, Retail, NullSink.Instance);

    public string Folder => _folder.Path;
    public string Retail => _folder.File("retail.del");

    public void Dispose() => _folder.Dispose();
}

public class RetailCmdletTests(RetailFiles files) : IClassFixture<RetailFiles>
{
    private FakeHost Host() => new() { CurrentDirectory = files.Folder };

    [Fact]
    public void New_CustomerClusterModel_trains_and_saves_after_asking()
    {
        var host = Host();
        new NewCustomerClusterModelCommand { Path = ["retail.del"], ClusterCount = 4, InitCount = 2, OutFile = "seg.model" }.Execute(host);
        var result = Assert.IsType<SegmentationResult>(Assert.Single(host.Output));
        Assert.Equal(4, result.ClusterCount);
        Assert.Equal(Path.Combine(files.Folder, "seg.model"), result.Path);
        Assert.Equal(("Write segmentation model", Path.Combine(files.Folder, "seg.model")), (host.ShouldProcessCalls[0].Action, host.ShouldProcessCalls[0].Target));
        Assert.Equal(result.Model.ToText(), SegmentationModel.Load(result.Path!).ToText());
    }

    [Fact]
    public void New_CustomerClusterModel_with_WhatIf_writes_nothing_and_maps_its_parameters()
    {
        var host = Host();
        host.ShouldProcessAnswer = false;
        new NewCustomerClusterModelCommand { Path = ["retail.del"], ClusterCount = 3, InitCount = 1, OutFile = "no.model" }.Execute(host);
        Assert.Null(((SegmentationResult)host.Output[0]!).Path);
        Assert.False(File.Exists(Path.Combine(files.Folder, "no.model")));
        var request = new NewCustomerClusterModelCommand { MinClusterCount = 3, MaxClusterCount = 7, InitCount = 4, MaxIterations = 50, Seed = 8 }.BuildRequest(null!, "x");
        Assert.Equal((null, 3, 7, 4, 50, 8, "x"), (request.ClusterCount, request.MinClusterCount, request.MaxClusterCount, request.KMeans.InitCount, request.KMeans.MaxIterations, request.KMeans.Seed, request.OutFile));
    }

    [Fact]
    public void Get_CustomerCluster_assigns_everyone_with_the_shipped_model()
    {
        var host = Host();
        new GetCustomerClusterCommand { Path = ["retail.del"] }.Execute(host);
        var assignments = host.Output.Cast<ClusterAssignment>().ToList();
        Assert.Equal(4000, assignments.Count);
        Assert.All(assignments, a => Assert.InRange(a.Cluster, 1, 6));
        Assert.Contains(host.Verbose, v => v.StartsWith("Using the segmentation model", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_CustomerCluster_Profile_emits_one_wide_typed_row_per_segment()
    {
        var train = Host();
        new NewCustomerClusterModelCommand { Path = ["retail.del"], ClusterCount = 3, InitCount = 1 }.Execute(train);
        var host = Host();
        new GetCustomerClusterCommand { Path = ["retail.del"], Model = train.Output[0], ProfileFlag = true }.Execute(host);
        Assert.Equal(3, host.Output.Count);
        Assert.All(host.RecordTypeNames, t => Assert.Equal("BankInsight.Results.ClusterProfile", t));
        var first = Assert.IsType<Dictionary<string, object?>>(host.Output[0]);
        Assert.Equal(1, first["Cluster"]);
        Assert.True(first.ContainsKey("存款持有率") && first.ContainsKey("年龄"));
        Assert.Equal(4000, host.Output.Cast<Dictionary<string, object?>>().Sum(p => (int)p["Customers"]!));
    }

    [Fact]
    public void Get_CrossSellRule_maps_thresholds_and_mines_per_cluster()
    {
        var command = new GetCrossSellRuleCommand { MinSupport = 0.05, MinAntecedentSupport = 0.06, MinConsequentSupport = 0.07, MinConfidence = 0.4, MinLift = 1.1, Algorithm = MiningAlgorithm.Apriori, PerClusterFlag = true };
        var request = command.BuildRequest((BankInsight.Data.CustomerDataSet)null!, null);
        Assert.Equal(new RuleMiningSettings { MinSupport = 0.05, Filter = new RuleFilter(0.06, 0.07, 0.4, 1.1), Algorithm = MiningAlgorithm.Apriori }, request.Mining);
        Assert.True(request.PerCluster);

        var host = Host();
        new GetCrossSellRuleCommand { Path = ["retail.del"], PerClusterFlag = true }.Execute(host);
        var rules = host.Output.Cast<CrossSellRule>().ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.NotNull(r.Cluster));
        Assert.All(rules, r => Assert.True(r.Confidence >= 0.3 && r.Lift >= 1.0));
    }

    [Fact]
    public void Get_CrossSellRule_says_so_when_nothing_passes()
    {
        var host = Host();
        new GetCrossSellRuleCommand { Path = ["retail.del"], MinConfidence = 1.0 }.Execute(host);
        Assert.Empty(host.Output);
        Assert.Contains(host.Verbose, v => v.StartsWith("No rule passes", StringComparison.Ordinal));
    }

    [Fact]
    public void Get_CrossSellRecommendation_uses_given_rules_and_maps_match_and_top()
    {
        var rulesHost = Host();
        new GetCrossSellRuleCommand { Path = ["retail.del"] }.Execute(rulesHost);
        var rules = rulesHost.Output.Cast<CrossSellRule>().ToArray();
        var host = Host();
        new GetCrossSellRecommendationCommand { Path = ["retail.del"], Rule = rules, Top = 2 }.Execute(host);
        var recommendations = host.Output.Cast<CrossSellRecommendation>().ToList();
        Assert.NotEmpty(recommendations);
        Assert.All(recommendations, r => Assert.InRange(r.Rank, 1, 2));
        Assert.DoesNotContain(host.Verbose, v => v.StartsWith("Using the segmentation", StringComparison.Ordinal)); // overall rules: no segmentation needed
        var command = new GetCrossSellRecommendationCommand { Match = RuleMatch.Exact, Top = 3, Rule = rules };
        command.Collect();
        command.Collect();   // the same rules bound again on the next pipeline step are not counted twice
        var request = command.BuildRequest((BankInsight.Data.CustomerDataSet)null!, null);
        Assert.Equal((RuleMatch.Exact, 3), (request.Match, request.Top));
        Assert.Equal(rules, request.Rules);
    }

    [Fact]
    public void Find_ProductOpportunity_defaults_to_deposit_and_insurance_by_propensity()
    {
        var host = Host();
        new FindProductOpportunityCommand { Path = ["retail.del"], Top = 20 }.Execute(host);
        var found = host.Output.Cast<ProductOpportunity>().ToList();
        Assert.Equal(40, found.Count);
        Assert.Equal(["01", "02"], found.Select(o => o.ProductCode).Distinct());
        Assert.All(found, o => Assert.Equal("Propensity", o.Method));
        var request = new FindProductOpportunityCommand { Product = ["Gold"], Method = OpportunityMethod.Rules, MinScore = 0.4, Seed = 5 }.BuildRequest((BankInsight.Data.CustomerDataSet)null!, null);
        Assert.Equal((OpportunityMethod.Rules, 0.4, 5), (request.Method, request.MinScore!.Value, request.Seed));
        Assert.Equal(["Gold"], request.Products);
    }

    [Fact]
    public void Find_ProductOpportunity_with_an_unknown_product_is_a_terminating_error_naming_it()
    {
        var host = Host();
        var command = new FindProductOpportunityCommand { Path = ["retail.del"], Product = ["Bitcoin"], CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Execute(host)));
        Assert.Equal((ErrorIds.ParameterInvalid, ErrorCategory.InvalidArgument), (e.Spec.ErrorId, e.Spec.Category));
        Assert.Contains("Bitcoin", e.Spec.Message);
    }

    [Fact]
    public void A_churn_model_given_as_the_segmentation_is_refused()
    {
        var host = Host();
        var command = new GetCustomerClusterCommand { Path = ["retail.del"], Model = ShippedModels.Locate(ShippedModels.Churn), CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Execute(host)));
        Assert.Equal(ErrorIds.ModelKindMismatch, e.Spec.ErrorId);
    }
}

public class RetailPipelineTests(RetailFiles files) : IClassFixture<RetailFiles>
{
    private FakeHost Host() => new() { CurrentDirectory = files.Folder };

    private CrossSellRule[] Rules(double minConfidence = 0.3)
    {
        var host = Host();
        new GetCrossSellRuleCommand { Path = ["retail.del"], MinConfidence = minConfidence }.Execute(host);
        return host.Output.Cast<CrossSellRule>().ToArray();
    }

    [Fact]
    public void Rules_piped_one_by_one_recommend_once_at_the_end_as_if_given_at_once()
    {
        var rules = Rules(0.5);
        Assert.NotEmpty(rules);
        var piped = new GetCrossSellRecommendationCommand { Path = ["retail.del"] };
        var host = Host();
        foreach (var rule in rules)
        {
            piped.Rule = [rule];
            piped.Process(host);
        }
        Assert.Empty(host.Output);
        piped.Finish(host);
        var given = Host();
        new GetCrossSellRecommendationCommand { Path = ["retail.del"], Rule = rules }.Execute(given);
        Assert.Equal(given.Output.Cast<CrossSellRecommendation>().Select(r => (r.CustomerId, r.ProductCodes)),
            host.Output.Cast<CrossSellRecommendation>().Select(r => (r.CustomerId, r.ProductCodes)));
        Assert.NotEmpty(host.Output);
        Assert.All(host.Output.Cast<CrossSellRecommendation>(), r => Assert.True(r.Confidence >= 0.5));
    }

    [Fact]
    public void Rules_without_data_say_what_is_missing()
    {
        var host = Host();
        var command = new GetCrossSellRecommendationCommand { InputObject = [.. Rules()], CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Execute(host)));
        Assert.Contains("no data", e.Spec.Message);
    }

    [Fact]
    public void Piped_rules_make_product_opportunities_use_the_rules_method()
    {
        var host = Host();
        var command = new FindProductOpportunityCommand { Path = ["retail.del"], Rule = Rules(), Top = 5 };
        command.Execute(host);
        Assert.Equal(OpportunityMethod.Rules, command.EffectiveMethod);
        Assert.NotEmpty(host.Output);
        Assert.All(host.Output.Cast<ProductOpportunity>(), o => Assert.Equal("Rules", o.Method));
        Assert.Equal(OpportunityMethod.Propensity, new FindProductOpportunityCommand().EffectiveMethod);
    }
}

public class RetailProgressTests(RetailFiles files) : IClassFixture<RetailFiles>
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "Get-CustomerCluster", "Assigning segments" },
        { "New-CustomerClusterModel", "k-means" },
        { "Get-CrossSellRule", "Mining cross-selling rules" },
        { "Get-CrossSellRecommendation", "Recommending products" },
        { "Find-ProductOpportunity", "Finding product opportunities" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Long_work_reports_progress_and_completes_it(string cmdlet, string activity)
    {
        var host = new FakeHost { CurrentDirectory = files.Folder };
        BankInsight.PowerShell.Infrastructure.DataJobCmdlet command = cmdlet switch
        {
            "Get-CustomerCluster" => new GetCustomerClusterCommand { Path = ["retail.del"] },
            "New-CustomerClusterModel" => new NewCustomerClusterModelCommand { Path = ["retail.del"], ClusterCount = 3, InitCount = 2 },
            "Get-CrossSellRule" => new GetCrossSellRuleCommand { Path = ["retail.del"], PerClusterFlag = true },
            "Get-CrossSellRecommendation" => new GetCrossSellRecommendationCommand { Path = ["retail.del"] },
            _ => new FindProductOpportunityCommand { Path = ["retail.del"], Product = ["Insurance"] },
        };
        command.Execute(host);
        Assert.Contains(host.Progress, p => p.Activity == "Loading retail.del" && p.Completed);
        Assert.Contains(host.Progress, p => p.Activity == activity && p.Completed);
        Assert.All(host.Progress, p => Assert.InRange(p.PercentComplete, -1, 100));
    }
}
