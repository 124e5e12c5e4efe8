using BankInsight.Common;

namespace BankInsight.ResultFiles;

/// <summary>An object that knows its own line in a bank result file (the job result types).</summary>
public interface IBankResultRecord
{
    /// <summary>The fields of this object's result line, e.g. <c>"客户编号"</c> or <c>"01","客户编号"</c>.</summary>
    IReadOnlyList<ResultField> ToResultFields();

    /// <summary>
    /// Why this object has no line in its result file, or null when it has one: a churn score below
    /// the threshold is not a warning, a related party is not a prospect. Written anyway, the file
    /// would list them as what downstream systems read it to be.
    /// </summary>
    string? WhyNoResultLine => null;
}

/// <summary>
/// A result whose bank layout is several lines — a cross-sell recommendation of two products is
/// two <c>"客户编号","代码"</c> lines, as the old delivery wrote them and downstream systems read them;
/// <see cref="IBankResultRecord.ToResultFields"/> is its joined single line, written only on request.
/// </summary>
public interface IBankResultLines : IBankResultRecord
{
    /// <summary>The lines in the bank's layout.</summary>
    IEnumerable<IReadOnlyList<ResultField>> ToResultLines();
}

/// <summary>Turns pipeline objects into result lines.</summary>
public static class ResultLines
{
    /// <summary>
    /// The result line for <paramref name="value"/>: the named <paramref name="properties"/> in
    /// order when given (read through <paramref name="getProperty"/>, which says whether the
    /// property exists); otherwise the object's own layout (<see cref="IBankResultRecord"/>),
    /// or a single field for a plain string or number.
    /// </summary>
    public static IReadOnlyList<ResultField> FromObject(object? value, IReadOnlyList<string>? properties,
        Func<string, (bool Found, object? Value)> getProperty)
    {
        if (properties is { Count: > 0 })
        {
            var fields = new ResultField[properties.Count];
            for (int i = 0; i < properties.Count; i++)
            {
                var (found, propertyValue) = getProperty(properties[i]);
                if (!found)
                    throw new BankInsightException(ErrorIds.ResultValueInvalid, ErrorKind.InvalidData,
                        $"The input object ({Describe(value)}) has no property '{properties[i]}'.", value);
                fields[i] = ResultField.FromValue(propertyValue);
            }
            return fields;
        }
        if (value is IBankResultRecord { WhyNoResultLine: { } why })
            throw new BankInsightException(ErrorIds.ResultValueInvalid, ErrorKind.InvalidData, why, value);
        return value switch
        {
            IBankResultRecord record => record.ToResultFields(),
            string or char or IConvertible => [ResultField.FromValue(value)],
            _ => throw new BankInsightException(ErrorIds.ResultValueInvalid, ErrorKind.InvalidData,
                $"Objects of type {Describe(value)} have no bank result layout; choose the fields with -Property (e.g. -Property CustomerId).", value),
        };
    }

    /// <summary>
    /// Every result line for <paramref name="value"/>: one line with -Property or <paramref name="joined"/>,
    /// else the object's own lines (<see cref="IBankResultLines"/>) or its one line.
    /// </summary>
    public static IEnumerable<IReadOnlyList<ResultField>> AllFromObject(object? value, IReadOnlyList<string>? properties,
        Func<string, (bool Found, object? Value)> getProperty, bool joined) =>
        properties is not { Count: > 0 } && !joined && value is IBankResultLines { WhyNoResultLine: null } lines
            ? lines.ToResultLines().ToList()
            : [FromObject(value, properties, getProperty)];

    /// <summary>
    /// What kind of line <paramref name="value"/> makes without -Property: its result type's name, or
    /// "text" for a plain string or number. One result file holds one kind: churn warnings and
    /// product opportunities in one file would be read as one list by whatever takes the file.
    /// </summary>
    public static string Layout(object? value) => value is IBankResultRecord ? value.GetType().Name : "text";

    private static string Describe(object? value) => value?.GetType().Name ?? "null";
}
