using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BankInsight.Reporting;

namespace BankInsight.Tests.Reporting;

/// <summary>
/// What every chart type promises, run once per type (each subclass draws its own kind of chart):
/// well-formed SVG with a title, same input → same bytes on every culture, text escaped and
/// searchable, nothing non-finite or exponential in the output, empty data drawn as "no data",
/// infinite data refused with the parameter named.
/// </summary>
public abstract class ChartContract
{
    /// <summary>A typical chart whose data labels (a category, series, row or axis label) include <paramref name="label"/>.</summary>
    protected abstract Chart Draw(string label, string name = "sample-chart", string title = "样例 Sample");

    /// <summary>The same kind of chart with no data at all.</summary>
    protected abstract Chart DrawEmpty();

    /// <summary>Draws with an infinite value where data goes.</summary>
    protected abstract void DrawInfinite();

    /// <summary>The parameter the infinite data was passed in.</summary>
    protected abstract string DataParameter { get; }

    [Fact]
    public void Output_is_svg_with_namespace_size_and_title()
    {
        var chart = Draw("label");
        var svg = new SvgDocument(chart);
        Assert.Equal(SvgDocument.Ns + "svg", svg.Root.Name);
        Assert.Equal("样例 Sample", svg.Root.Element(SvgDocument.Ns + "title")!.Value);
        Assert.Same(svg.Root.Element(SvgDocument.Ns + "title"), svg.Root.Elements().First());
        Assert.Equal(chart.Width.ToString(CultureInfo.InvariantCulture), (string?)svg.Root.Attribute("width"));
        Assert.Equal(chart.Height.ToString(CultureInfo.InvariantCulture), (string?)svg.Root.Attribute("height"));
        Assert.Equal($"0 0 {chart.Width} {chart.Height}", (string?)svg.Root.Attribute("viewBox"));
        Assert.Equal("img", (string?)svg.Root.Attribute("role"));
        Assert.Equal(ChartStyle.FontFamily, (string?)svg.Root.Attribute("font-family"));
        Assert.Equal("sample-chart", chart.Name);
        Assert.Equal("样例 Sample", chart.Title);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=", chart.Svg);
        Assert.EndsWith("</svg>\n", chart.Svg);
        Assert.DoesNotContain("\r", chart.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes()
    {
        Assert.Equal(Draw("本月日均存款余额").Svg, Draw("本月日均存款余额").Svg);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("zh-CN")]
    [InlineData("ar-SA")]
    public void The_culture_does_not_change_the_bytes(string culture)
    {
        string invariant = Draw("本月日均存款余额").Svg;
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Equal(invariant, Draw("本月日均存款余额").Svg);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }

    [Fact]
    public void A_chinese_label_is_searchable_text()
    {
        var svg = new SvgDocument(Draw("本月日均存款余额"));
        Assert.Contains(svg.All("text"), t => t.Value.Contains("本月日均存款余额", StringComparison.Ordinal));
    }

    [Fact]
    public void Markup_characters_in_labels_round_trip_through_the_xml_parser()
    {
        const string label = "A&B <x> \"q\"";
        var chart = Draw(label, title: "P&L <月> \"报告\"");
        var svg = new SvgDocument(chart);
        Assert.Contains(svg.Texts, t => t == label);
        Assert.Equal("P&L <月> \"报告\"", svg.Root.Element(SvgDocument.Ns + "title")!.Value);
        Assert.Contains("A&amp;B &lt;x&gt; &quot;q&quot;", chart.Svg);
    }

    [Fact]
    public void Control_characters_are_removed_and_line_breaks_become_spaces()
    {
        var svg = new SvgDocument(Draw("a\u0001b\nc"));
        Assert.Contains(svg.Texts, t => t == "ab c");
        Assert.DoesNotContain("\u0001", svg.Chart.Svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_non_finite_or_exponential_is_written()
    {
        foreach (var chart in new[] { Draw("label"), DrawEmpty() })
        {
            Assert.DoesNotContain("NaN", chart.Svg, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", chart.Svg, StringComparison.Ordinal);
            Assert.DoesNotContain("∞", chart.Svg, StringComparison.Ordinal);
            Assert.DoesNotContain("E+", chart.Svg, StringComparison.Ordinal);
            Assert.DoesNotContain("E-", chart.Svg, StringComparison.Ordinal);
            string withoutColours = Regex.Replace(chart.Svg, "#[0-9A-F]{6}", "#colour"); // "#56B4E9" is a colour, not 4E9
            Assert.DoesNotMatch(new Regex(@"\d[eE][+-]?\d"), withoutColours);
            Assert.DoesNotMatch(new Regex(@"""-0(\.0*)?"""), chart.Svg);
            var attributes = new SvgDocument(chart).Root.DescendantsAndSelf().Attributes();
            foreach (var attribute in attributes.Where(a => !a.Name.LocalName.StartsWith("data-", StringComparison.Ordinal)))
                Assert.DoesNotMatch(new Regex(@"\d\.\d{3}"), attribute.Value); // coordinates carry at most 2 decimals
        }
    }

    [Fact]
    public void Nothing_external_nor_scripted_nor_id_bearing_is_written()
    {
        string svg = Draw("label").Svg;
        Assert.DoesNotContain("href", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<image", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<foreignObject", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(" id=", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", svg, StringComparison.Ordinal);
        var attributes = new SvgDocument(Draw("label")).Root.DescendantsAndSelf().Attributes();
        Assert.DoesNotContain(attributes, a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal)); // no event handlers
    }

    [Fact]
    public void Empty_data_draws_a_frame_that_says_no_data()
    {
        var svg = new SvgDocument(DrawEmpty());
        Assert.Contains(ChartStyle.NoDataText, svg.Texts);
        Assert.Single(svg.All("rect"), r => (string?)r.Attribute("data-role") == "no-data");
    }

    [Fact]
    public void Infinite_data_is_refused_naming_the_parameter()
    {
        var e = Assert.ThrowsAny<ArgumentException>(DrawInfinite);
        Assert.Equal(DataParameter, e.ParamName);
        Assert.Contains("∞", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Churn Score")]
    [InlineData("../etc/passwd")]
    [InlineData("-leading-dash")]
    [InlineData("流失")]
    public void A_name_that_is_not_a_file_safe_slug_is_refused(string name)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Draw("label", name: name));
        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void A_blank_title_is_refused()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Draw("label", title: " "));
        Assert.Equal("title", e.ParamName);
    }
}
