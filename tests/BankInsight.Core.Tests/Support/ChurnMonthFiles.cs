using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.Synthetic;

namespace BankInsight.Tests.Support;

/// <summary>Consecutive generated churn months of the same companies (the monthly story), loaded.</summary>
public static class ChurnMonthFiles
{
    /// <summary><paramref name="months"/> months of <paramref name="customers"/> companies ending at <paramref name="asOf"/>, oldest first.</summary>
    public static IReadOnlyList<CustomerDataSet> Load(int customers, int months, int seed, DateOnly asOf)
    {
        using var temp = new TempFolder();
        var request = new SyntheticDataRequest(BuiltInSchemas.CorporateChurn, customers) { Seed = seed, AsOf = asOf, Months = months };
        var files = SyntheticMonths.GenerateFiles(request, SyntheticMonthFile.Plan(request, temp.File("churn.del"), oracle: false), NullSink.Instance);
        var options = new DataLoadOptions(BuiltInSchemas.Get(BuiltInSchemas.CorporateChurn));
        return files.Select(f => CustomerDataLoader.Load(f, options, NullSink.Instance)).ToList();
    }
}
