using System.Text;

namespace BankInsight.Synthetic;

/// <summary>What became of a company in the month after: what the story decided, for tests to hold the files to.</summary>
internal enum NextMonth : byte
{
    /// <summary>The month is the sequence's last: its next month is not made.</summary>
    Unknown,

    /// <summary>In the next file, assets at or above half the three-month average.</summary>
    Stays,

    /// <summary>In the next file, assets below half the three-month average (churned).</summary>
    CrossesLine,

    /// <summary>Absent from the next file on (churned).</summary>
    Closes,
}

/// <summary>One customer's oracle line: id, true probability of having churned by the next month, and what happened.</summary>
internal readonly record struct OracleEntry(string CustomerId, double Probability, NextMonth Outcome);

/// <summary>
/// What one chunk of companies adds to every month: their rows (DEL) and their oracle entries, in
/// company order, so chunks made in parallel are appended in order and the files do not depend on
/// how the work was split.
/// </summary>
internal sealed class MonthBuffers
{
    public MonthBuffers(int months, Encoding encoding)
    {
        Rows = new DelRowWriter[months];
        Oracle = new List<OracleEntry>[months];
        for (int m = 0; m < months; m++)
        {
            Rows[m] = new DelRowWriter(encoding);
            Oracle[m] = [];
        }
    }

    public DelRowWriter[] Rows { get; }

    public List<OracleEntry>[] Oracle { get; }

    public void Reset()
    {
        foreach (var writer in Rows) writer.Reset();
        foreach (var list in Oracle) list.Clear();
    }
}
