using System.Globalization;
using BankInsight.Reporting;
using BankInsight.Reporting.Charts;

namespace BankInsight.Tests.Reporting;

public sealed class SvgWriterTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-1e-12, "0")]
    [InlineData(-0.004, "0")]
    [InlineData(2.5, "2.5")]
    [InlineData(-3.14159, "-3.14")]
    [InlineData(1234567.891, "1234567.89")]
    [InlineData(0.125, "0.13")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "0")]
    public void Coordinates_have_at_most_two_decimals_no_exponent_and_no_negative_zero(double value, string expected)
    {
        Assert.Equal(expected, SvgWriter.Num(value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_non_finite_coordinate_is_a_bug_and_throws(double value)
    {
        Assert.Throws<InvalidOperationException>(() => SvgWriter.Num(value));
    }

    [Fact]
    public void Formatted_values_lose_the_sign_of_a_rounded_zero_and_show_missing_as_a_dash()
    {
        Assert.Equal("0.00", SvgWriter.Format(-0.0001, "0.00"));
        Assert.Equal("-0.01", SvgWriter.Format(-0.006, "0.00"));
        Assert.Equal("–", SvgWriter.Format(double.NaN, "0.00"));
        Assert.Equal("1,234.5", SvgWriter.Format(1234.5, "#,0.0"));
    }

    [Fact]
    public void Data_values_keep_six_decimals_without_exponent()
    {
        Assert.Equal("0.3", SvgWriter.Data(0.1 + 0.2));
        Assert.Equal("0.000123", SvgWriter.Data(1.23e-4));
        Assert.Equal("", SvgWriter.Data(double.NaN));
        Assert.Equal("0", SvgWriter.Data(-1e-9));
    }

    [Fact]
    public void Text_is_escaped_and_cleaned()
    {
        Assert.Equal("a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;", SvgWriter.Escape("a&b<c>\"d\"'e'"));
        Assert.Equal("xy z w", SvgWriter.Escape("x\u0001y\tz\r\nw".Replace("\r\n", "\n")));
        Assert.Equal("ab", SvgWriter.Escape("a\uD800b\uFFFF"));   // unpaired surrogate, non-character
        Assert.Equal("𠀀", SvgWriter.Escape("𠀀"));                 // a pair is kept
        Assert.Equal("ab", SvgWriter.Escape("a\u0085b"));           // C1 control
    }

    [Fact]
    public void The_document_is_built_in_call_order()
    {
        var w = new SvgWriter(100, 50, "T");
        w.Rect(1, 2, 3, 4, "#000000");
        w.Text(5, 6, "x<y", 11, "middle");
        string svg = w.Finish();
        Assert.Equal(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"50\" viewBox=\"0 0 100 50\" role=\"img\" font-family=\"" +
            ChartStyle.FontFamily.Replace("\"", "&quot;") + "\">\n" +
            "<title>T</title>\n" +
            "<rect width=\"100\" height=\"50\" fill=\"#FFFFFF\"/>\n" +
            "<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill=\"#000000\"/>\n" +
            "<text x=\"5\" y=\"6\" font-size=\"11\" text-anchor=\"middle\">x&lt;y</text>\n" +
            "</svg>\n", svg);
    }

    [Fact]
    public void The_font_stack_puts_chinese_fonts_first_and_ends_generic()
    {
        Assert.StartsWith("\"Noto Sans CJK SC\",", ChartStyle.FontFamily);
        Assert.EndsWith(",sans-serif", ChartStyle.FontFamily);
        Assert.Contains("\"Microsoft YaHei\"", ChartStyle.FontFamily);
    }
}

public sealed class LinearScaleTests
{
    [Theory]
    [InlineData(0.13, 0.1)]
    [InlineData(0.15, 0.2)]
    [InlineData(0.2, 0.2)]
    [InlineData(3, 2)]
    [InlineData(4, 5)]
    [InlineData(7, 5)]
    [InlineData(8, 10)]
    [InlineData(0.07, 0.05)]
    [InlineData(1200, 1000)]
    public void Steps_are_the_nearest_one_two_or_five_times_a_power_of_ten(double raw, double step)
    {
        Assert.Equal(step, LinearScale.NiceStep(raw), 12);
    }

    [Fact]
    public void An_extended_domain_starts_and_ends_on_ticks()
    {
        var scale = LinearScale.Create(0.03, 0.97, 10, extend: true, 0, 100);
        Assert.Equal(0, scale.DomainMin);
        Assert.Equal(1, scale.DomainMax);
        Assert.Equal(new[] { "0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1" },
            scale.Ticks.Select(t => t.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal("0.3", scale.Label(0.3));
        Assert.Equal("30%", scale.Label(0.3, percent: true));
        Assert.Equal(50, scale.Map(0.5), 9);
    }

    [Fact]
    public void A_fixed_domain_is_kept_and_ticked_inside()
    {
        var scale = LinearScale.Create(0.05, 0.95, 4, extend: false, 0, 90);
        Assert.Equal(0.05, scale.DomainMin);
        Assert.Equal(new[] { 0.2, 0.4, 0.6, 0.8 }, scale.Ticks);
    }

    [Fact]
    public void Counts_get_whole_steps_and_thousands_separators()
    {
        var scale = LinearScale.Create(0, 3, 10, extend: true, 0, 1, integerSteps: true);
        Assert.Equal(new[] { 0.0, 1, 2, 3 }, scale.Ticks);
        Assert.Equal("12,000", LinearScale.Create(0, 12000, 4, extend: true, 0, 1).Label(12000));
    }

    [Fact]
    public void A_horizontal_axis_with_coarse_ticks_keeps_the_data_ends()
    {
        // 100 px leaves room for one "10,000"-wide step only; rounding out to 20,000 steps would waste half the axis.
        var scale = Frame.HorizontalScale(-2469, 12346, 0, 100);
        Assert.Equal(-2469, scale.DomainMin);
        Assert.Equal(12346, scale.DomainMax);
        var roomy = Frame.HorizontalScale(0, 0.31, 0, 600);
        Assert.Equal((0, 0.35), (roomy.DomainMin, roomy.DomainMax));
    }

    [Fact]
    public void An_empty_interval_is_widened()
    {
        var scale = LinearScale.Create(5, 5, 5, extend: true, 0, 1);
        Assert.True(scale.DomainMin < 5 && scale.DomainMax > 5);
        Assert.True(LinearScale.Create(0, 0, 5, extend: true, 0, 1).DomainMax > 0);
    }
}
