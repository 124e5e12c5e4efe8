using System.Globalization;
using System.Text;
using BankInsight.Common;
using BankInsight.Features;

namespace BankInsight.Bench.Tests;

/// <summary>Small inputs with a known signal, made in the test so that the smoke tests run in seconds.</summary>
internal static class SmallData
{
    /// <summary>
    /// <paramref name="rows"/> customers: two numbers (the second 5% missing) and a three-valued
    /// category; P(positive) = σ(1.5·x1 − x2 + [c = 2] − 1), so any working learner scores well above 0.5.
    /// </summary>
    public static (FeatureMatrix Features, bool[] Labels) Matrix(int rows, ulong seed = 7)
    {
        var random = new SeededRandom(seed);
        var x1 = new double[rows];
        var x2 = new double[rows];
        var codes = new int[rows];
        var labels = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            x1[i] = random.Normal();
            x2[i] = random.Normal();
            codes[i] = random.NextInt(3);
            double z = 1.5 * x1[i] - x2[i] + (codes[i] == 2 ? 1 : 0) - 1;
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z));
            if (random.NextDouble() < 0.05) x2[i] = double.NaN;
        }
        return (new FeatureMatrix([FeatureColumn.Numeric("x1", x1), FeatureColumn.Numeric("x2", x2), FeatureColumn.Categorical("c", codes, ["a", "b", "c"])]), labels);
    }

    /// <summary>A Churn_Modelling.csv look-alike (the public file's header) with a learnable churn flag.</summary>
    public static void WriteChurnModelling(string folder, int rows)
    {
        var random = new SeededRandom(11);
        var text = new StringBuilder("RowNumber,CustomerId,Surname,CreditScore,Geography,Gender,Age,Tenure,Balance,NumOfProducts,HasCrCard,IsActiveMember,EstimatedSalary,Exited\n");
        string[] places = ["France", "Spain", "Germany"];
        for (int i = 0; i < rows; i++)
        {
            int age = 20 + random.NextInt(50);
            int active = random.NextInt(2);
            int place = random.NextInt(3);
            double z = (age - 45) / 8.0 - active + (place == 2 ? 0.8 : 0);
            int exited = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
            text.Append(CultureInfo.InvariantCulture,
                $"{i + 1},{15_600_000 + i},Name{i},{500 + random.NextInt(350)},{places[place]},{(random.NextInt(2) == 0 ? "Male" : "Female")},{age},{random.NextInt(11)},{random.NextInt(200_000)}.5,{1 + random.NextInt(4)},{random.NextInt(2)},{active},{random.NextInt(150_000)}.25,{exited}\n");
        }
        string dir = Path.Combine(folder, "churn-modelling");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "Churn_Modelling.csv"), text.ToString());
    }

    /// <summary>A groceries.csv look-alike: comma-separated baskets over a few items.</summary>
    public static void WriteGroceries(string folder, int baskets)
    {
        var random = new SeededRandom(3);
        string[] items = ["whole milk", "rolls/buns", "soda", "yogurt", "bottled water", "tropical fruit", "root vegetables", "sausage"];
        var text = new StringBuilder();
        for (int b = 0; b < baskets; b++)
        {
            var basket = items.Where((_, k) => random.NextDouble() < 0.5 / (1 + k * 0.3)).ToList();
            if (basket.Count == 0) basket.Add(items[random.NextInt(items.Length)]);
            text.Append(string.Join(',', basket)).Append('\n');
        }
        string dir = Path.Combine(folder, "groceries");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "groceries.csv"), text.ToString());
    }
}

/// <summary>A temporary folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bench-test-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Runs bankinsight-bench in-process (child processes it starts are real ones).</summary>
internal static class Bench
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = BenchApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
