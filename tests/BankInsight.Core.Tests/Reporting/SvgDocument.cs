using System.Globalization;
using System.Xml.Linq;
using BankInsight.Reporting;

namespace BankInsight.Tests.Reporting;

/// <summary>Reads a chart's SVG back through the XML parser, as a browser would, for assertions.</summary>
internal sealed class SvgDocument
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public SvgDocument(Chart chart)
    {
        Chart = chart;
        Root = XDocument.Parse(chart.Svg).Root!;
    }

    public Chart Chart { get; }
    public XElement Root { get; }

    /// <summary>All elements named <paramref name="name"/> in the SVG namespace.</summary>
    public IEnumerable<XElement> All(string name) => Root.Descendants(Ns + name);

    /// <summary>The texts of all &lt;text&gt; elements, in document order.</summary>
    public IReadOnlyList<string> Texts => All("text").Select(t => t.Value).ToList();

    /// <summary>The group with data-role=<paramref name="role"/>.</summary>
    public XElement Group(string role) => Root.Descendants(Ns + "g").Single(g => (string?)g.Attribute("data-role") == role);

    /// <summary>The &lt;rect&gt; elements inside the group with data-role=<paramref name="role"/>.</summary>
    public IReadOnlyList<XElement> Rects(string role) => Group(role).Descendants(Ns + "rect").ToList();

    /// <summary>The &lt;text&gt; element whose text is exactly <paramref name="text"/>.</summary>
    public XElement Text(string text) => All("text").Single(t => t.Value == text);

    public static double Num(XElement element, string attribute) =>
        double.Parse((string?)element.Attribute(attribute) ?? throw new InvalidOperationException($"no {attribute} on {element.Name.LocalName}"), CultureInfo.InvariantCulture);
}
