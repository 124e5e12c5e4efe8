using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Jobs;
using BankInsight.PowerShell.Commands;
using BankInsight.Results;

namespace BankInsight.PowerShell.Tests;

/// <summary>Test-ChurnModelDrift maps its parameters onto the monitoring job and writes what it returns.</summary>
public class DriftCmdletTests(CorporateFiles files) : IClassFixture<CorporateFiles>
{
    private FakeHost Host() => new() { CurrentDirectory = files.Folder };

    [Fact]
    public void Emits_one_report_or_with_PerFeature_one_row_per_feature_highest_PSI_first()
    {
        var host = Host();
        new TestChurnModelDriftCommand { Path = ["churn-later.del"] }.Execute(host);
        var report = Assert.IsType<ModelDriftReport>(Assert.Single(host.Output));
        Assert.Equal(files.LaterChurn, report.Data);
        Assert.Equal(3000, report.Rows);
        Assert.Null(report.Warned);

        var rows = Host();
        new TestChurnModelDriftCommand { Path = ["churn-later.del"], PerFeatureFlag = true }.Execute(rows);
        var features = rows.Output.Cast<FeatureDrift>().ToList();
        Assert.Equal(report.Features.Select(f => f.Feature), features.Select(f => f.Feature));
        Assert.Equal(features.OrderByDescending(f => f.Psi).Select(f => f.Psi), features.Select(f => f.Psi));
    }

    [Fact]
    public void Warnings_are_read_from_PreviousWarningsPath_and_belong_to_one_month()
    {
        File.WriteAllText(Path.Combine(files.Folder, "warnings.txt"), string.Concat(File.ReadLines(files.LaterChurn).Take(50).Select(l => l.Split(',')[0] + "\n")));
        var host = Host();
        new TestChurnModelDriftCommand { Path = ["churn-later.del"], PreviousWarningsPath = "warnings.txt" }.Execute(host);
        var report = Assert.IsType<ModelDriftReport>(Assert.Single(host.Output));
        Assert.Equal(50, report.Warned);
        Assert.Equal(0, report.WarnedNotInData);
        Assert.NotNull(report.RealisedPrecision);

        var twice = Host();
        var command = new TestChurnModelDriftCommand { Path = ["churn-later.del", "churn.del"], PreviousWarningsPath = "warnings.txt", CommandHost = twice };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Execute(twice)));
        Assert.Equal((ErrorIds.ParameterInvalid, ErrorCategory.InvalidArgument), (e.Spec.ErrorId, e.Spec.Category));
        Assert.Contains("-PreviousWarningsPath holds the warnings issued on one month", e.Spec.Message);
        Assert.Single(twice.Output); // the first month was reported before the second was refused
    }

    [Fact]
    public void A_model_without_a_profile_stops_the_command_asking_for_a_retrained_model()
    {
        string shipped = File.ReadAllText(ShippedModels.Locate(ShippedModels.Churn));
        string old = Path.Combine(files.Folder, "old.model");
        // The shipped model as BankInsight wrote it before profiles: the section gone, the checksum recomputed.
        string body = shipped[..(shipped.IndexOf("\n[profile]\n", StringComparison.Ordinal) + 1)];
        string sum = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))).ToLowerInvariant();
        File.WriteAllText(old, body + "checksum=sha256:" + sum + "\n");
        var host = Host();
        var command = new TestChurnModelDriftCommand { Path = ["churn-later.del"], Model = "old.model", CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Execute(host)));
        Assert.Equal((ErrorIds.ModelKindMismatch, ErrorCategory.InvalidArgument), (e.Spec.ErrorId, e.Spec.Category));
        Assert.Contains("has no training profile", e.Spec.Message);
        Assert.Equal(old, e.Spec.Target);
    }
}
