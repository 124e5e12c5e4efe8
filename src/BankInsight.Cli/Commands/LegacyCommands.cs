using System.CommandLine;

namespace BankInsight.Cli;

/// <summary>
/// The old delivery's four scripts as commands of the same names and arguments, so that a
/// scheduler's line changes only in its program: <c>python customer_losing.py --input_data_path A
/// --output_data_path B</c> becomes <c>bankinsight customer_losing --input_data_path A
/// --output_data_path B</c>. Each is the modern command with the old script's defaults:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The old scripts read every row: a repeated customer id is kept (<c>--duplicate_ids keep</c>)
/// and no share of rejected rows stops the run (<c>--max_rejected_share 1</c>). Rows that cannot be
/// read at all are still rejected, counted and kept aside with <c>--reject_path</c>, and warnings
/// still say what is wrong with the file; an empty result still never replaces last month's.</item>
/// <item>cross_selling mined rules per customer segment, always (<c>--per_cluster</c>).</item>
/// <item>Everything else, and every modern option, is the modern command's: the same code runs.</item>
/// </list>
/// Exit codes stay the runner's (0 done, 3 rows rejected, 2 unusable input, 1 a bug, 130 stopped);
/// <c>--legacy_exit_codes</c> turns the 3 into 0 for schedulers that know only "0 unless it crashed".
/// </remarks>
internal static class LegacyCommands
{
    /// <summary>The old scripts' names, in the order the old delivery listed them.</summary>
    public static readonly string[] Names = ["customer_losing", "customer_potential", "cross_selling", "product_mining"];

    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Legacy(ChurnCommand.Predict(context, "customer_losing"),
            "The old customer_losing.py: the churn warning list (churn predict with the old script's defaults).");
        yield return Legacy(ProspectCommand.Predict(context, "customer_potential"),
            "The old customer_potential.py: prospects in the region (prospect predict with the old script's defaults).");
        var crossSelling = Legacy(RetailCommands.CrossSell(context, "cross_selling"),
            "The old cross_selling.py: per-segment rules and each customer's offers, one \"客户编号\",\"代码\" pair per line (cross-sell --per_cluster with the old script's defaults).");
        Default(crossSelling, "--per_cluster", true);
        var perCluster = crossSelling.Options.Single(o => o.Name == "--per_cluster");
        perCluster.Description += " --per_cluster false mines all customers together.";
        yield return crossSelling;
        yield return Legacy(RetailCommands.ProductMining(context, "product_mining"),
            "The old product_mining.py: the 01 (deposit) and 02 (insurance) lists (product-mining with the old script's defaults).");
    }

    private static Command Legacy(Command command, string description)
    {
        command.Description = description;
        Default(command, "--duplicate_ids", "keep");
        Default(command, "--max_rejected_share", 1.0);
        return command;
    }

    // The modern builder made the option; only its default differs here (and says so in --help).
    private static void Default<T>(Command command, string name, T value)
    {
        var option = command.Options.OfType<Option<T>>().SingleOrDefault(o => o.Name == name)
            ?? throw new InvalidOperationException($"{command.Name} has no option {name} of type {typeof(T).Name}.");
        option.DefaultValueFactory = _ => value;
        string shown = value switch { bool on => on ? "on" : "off", IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture), _ => $"{value}" };
        // One default, said once: the modern command's "(default …)" gives way to the old script's.
        string modern = System.Text.RegularExpressions.Regex.Replace(option.Description ?? "", @"\s*\(default[^)]*\)", "");
        option.Description = $"{modern} Default here {shown}, as the old script did.";
    }
}
