using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using BankInsight.PowerShell.Infrastructure;

namespace BankInsight.PowerShell.Tests;

/// <summary>
/// Checks the cmdlets as PowerShell will see them, by reading attribute data from the built
/// assembly (PowerShellStandard's stub SMA cannot construct attributes with their values).
/// </summary>
public class MetadataTests
{
    private static readonly Assembly Module = typeof(BankInsightCmdlet).Assembly;

    public static IEnumerable<Type> Cmdlets => Module.GetTypes().Where(t => t.GetCustomAttributesData().Any(a => a.AttributeType == typeof(CmdletAttribute)));

    public static TheoryData<string> CmdletNames
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var t in Cmdlets) data.Add(t.Name);
            return data;
        }
    }

    private static Type CmdletType(string name) => Cmdlets.Single(t => t.Name == name);

    private static CustomAttributeData CmdletAttribute(Type t) => t.GetCustomAttributesData().Single(a => a.AttributeType == typeof(CmdletAttribute));

    private static string CommandName(Type t)
    {
        var a = CmdletAttribute(t);
        return $"{a.ConstructorArguments[0].Value}-{a.ConstructorArguments[1].Value}";
    }

    private static T? Named<T>(CustomAttributeData a, string name) =>
        a.NamedArguments.Where(n => n.MemberName == name).Select(n => (T?)n.TypedValue.Value).FirstOrDefault();

    private static IEnumerable<(PropertyInfo Property, CustomAttributeData Attribute)> Parameters(Type t) =>
        t.GetProperties().SelectMany(p => p.GetCustomAttributesData().Where(a => a.AttributeType == typeof(ParameterAttribute)).Select(a => (p, a)));

    private static readonly HashSet<string> ApprovedVerbs =
        new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void The_module_has_the_foundation_cmdlets()
    {
        var names = Cmdlets.Select(CommandName).ToHashSet();
        Assert.Superset(new HashSet<string> { "Import-CustomerData", "New-SyntheticCustomerData", "Get-BankSchema", "Export-BankResult" }, names);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlets_are_sealed_and_use_an_approved_verb(string typeName)
    {
        var t = CmdletType(typeName);
        Assert.True(t.IsSealed && t.IsPublic);
        Assert.True(typeof(BankInsightCmdlet).IsAssignableFrom(t));
        string verb = (string)CmdletAttribute(t).ConstructorArguments[0].Value!;
        Assert.Contains(verb, ApprovedVerbs);
        Assert.Equal($"{verb}{CmdletAttribute(t).ConstructorArguments[1].Value}Command", t.Name);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Cmdlets_declare_their_output_types(string typeName)
    {
        var outputs = CmdletType(typeName).GetCustomAttributesData().Where(a => a.AttributeType == typeof(OutputTypeAttribute)).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.NotEmpty(OutputTypes(o)));
    }

    private static IEnumerable<Type> OutputTypes(CustomAttributeData attribute) =>
        attribute.ConstructorArguments.SelectMany(arg => arg.Value switch
        {
            Type single => [single],
            IEnumerable<CustomAttributeTypedArgument> many => many.Select(m => m.Value).OfType<Type>(),
            _ => [],
        });

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void The_default_set_does_not_latch_the_binder_before_piped_input_arrives(string typeName)
    {
        // PowerShell picks a set before the first piped object when the default set's mandatory
        // parameter binds by property name; objects without that property are then refused
        // (InputObjectNotBound) — how every piped data set and Import-Csv row once failed. Such a
        // parameter in the default set is safe only when every set has one (Get-Content's design).
        var t = CmdletType(typeName);
        var parameters = Parameters(t).ToList();
        var sets = parameters.Select(p => Named<string>(p.Attribute, "ParameterSetName")).Where(s => s is not null && s != "__AllParameterSets").Distinct().ToList();
        if (sets.Count <= 1) return;
        bool MandatoryByName(string? set) => parameters.Any(p => Named<string>(p.Attribute, "ParameterSetName") == set
            && Named<bool>(p.Attribute, "Mandatory") && Named<bool>(p.Attribute, "ValueFromPipelineByPropertyName"));
        string defaultSet = Named<string>(CmdletAttribute(t), "DefaultParameterSetName")!;
        if (MandatoryByName(defaultSet))
            Assert.True(sets.All(MandatoryByName), $"{typeName}: the default set '{defaultSet}' has a mandatory by-property-name parameter but not every set does");
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Parameter_sets_are_unambiguous(string typeName)
    {
        var t = CmdletType(typeName);
        var parameters = Parameters(t).ToList();
        var sets = parameters.Select(p => Named<string>(p.Attribute, "ParameterSetName")).Where(s => s is not null && s != "__AllParameterSets").Distinct().ToList();
        if (sets.Count <= 1) return;
        string? defaultSet = Named<string>(CmdletAttribute(t), "DefaultParameterSetName");
        Assert.Contains(defaultSet, sets);
        foreach (var set in sets.Where(s => s != defaultSet))
        {
            // Some mandatory parameter belongs to this set alone, so PowerShell can tell it apart.
            bool distinguishable = parameters.Any(p => Named<string>(p.Attribute, "ParameterSetName") == set && Named<bool>(p.Attribute, "Mandatory")
                && parameters.Where(q => q.Property == p.Property).All(q => Named<string>(q.Attribute, "ParameterSetName") == set));
            Assert.True(distinguishable, $"{typeName}: set '{set}' has no mandatory parameter of its own");
        }
        // Positions are unique within each set.
        foreach (var set in sets)
        {
            var positions = parameters.Where(p => Named<string>(p.Attribute, "ParameterSetName") is var s && (s == set || s is null))
                .Select(p => Named<int?>(p.Attribute, "Position") ?? int.MinValue).Where(p => p >= 0).ToList();
            Assert.Equal(positions.Count, positions.Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Only_commands_that_write_support_should_process(string typeName)
    {
        var t = CmdletType(typeName);
        bool supports = Named<bool>(CmdletAttribute(t), "SupportsShouldProcess");
        string verb = (string)CmdletAttribute(t).ConstructorArguments[0].Value!;
        if (verb is "Get" or "Find" or "Test" or "Import" or "Invoke") Assert.False(supports, $"{typeName} only reads; it must not declare SupportsShouldProcess");
        if (verb is "Export" or "Save" or "Remove" or "Set") Assert.True(supports, $"{typeName} writes; it must support -WhatIf/-Confirm");
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Switches_have_a_plain_bool_for_the_adapter(string typeName)
    {
        // The stub SMA cannot convert SwitchParameter, so adapters read a bool twin (see the cmdlets).
        var t = CmdletType(typeName);
        foreach (var p in t.GetProperties().Where(p => p.PropertyType == typeof(SwitchParameter)))
            Assert.NotNull(t.GetProperty(p.Name + "Flag", BindingFlags.Instance | BindingFlags.NonPublic));
    }

    [Fact]
    public void Manifest_exports_exactly_the_cmdlets()
    {
        string manifest = File.ReadAllText(Repo.File("module", "BankInsight.psd1"));
        var block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
        var exported = Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(Cmdlets.Select(CommandName).Order().ToList(), exported);
        Assert.Matches(@"FunctionsToExport\s*=\s*@\(\)", manifest);
        Assert.Matches(@"AliasesToExport\s*=\s*@\(\)", manifest);
        Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Core'\)", manifest);
        Assert.Matches(@"PowerShellVersion\s*=\s*'7\.4'", manifest);
        Assert.Contains("RootModule           = 'BankInsight.PowerShell.dll'", manifest);
        Assert.Contains("'{{ModuleVersion}}'", manifest);
    }

    /// <summary>Release builds assemble out/BankInsight; other configurations out/&lt;configuration&gt;/BankInsight.</summary>
    private static string ModuleOut
    {
        get
        {
            string configuration = typeof(MetadataTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            return configuration == "Release" ? Repo.File("out", "BankInsight") : Repo.File("out", configuration.ToLowerInvariant(), "BankInsight");
        }
    }

    [Fact]
    public void Manifest_has_the_gallery_fields()
    {
        string manifest = File.ReadAllText(Repo.File("module", "BankInsight.psd1"));
        Assert.Matches(@"FormatsToProcess\s*=\s*@\('BankInsight.format.ps1xml'\)", manifest);
        Assert.Matches(@"VariablesToExport\s*=\s*@\(\)", manifest);
        Assert.Matches(@"Tags\s*=\s*@\('[^']+'", manifest);
        Assert.Matches(@"ProjectUri\s*=\s*'https://", manifest);
        Assert.Matches(@"ReleaseNotes\s*=\s*'[^']{20,}", manifest);
        Assert.Matches(@"GUID\s*=\s*'[0-9a-f]{8}-", manifest);
    }

    [Fact]
    public void Built_module_folder_has_manifest_with_version_dlls_and_formats_but_no_sma()
    {
        string outDir = ModuleOut;
        Assert.True(File.Exists(Path.Combine(outDir, "BankInsight.PowerShell.dll")));
        Assert.True(File.Exists(Path.Combine(outDir, "BankInsight.Core.dll")));
        Assert.True(File.Exists(Path.Combine(outDir, "BankInsight.format.ps1xml")));
        Assert.False(File.Exists(Path.Combine(outDir, "System.Management.Automation.dll")));
        string manifest = File.ReadAllText(Path.Combine(outDir, "BankInsight.psd1"));
        Assert.DoesNotContain("{{ModuleVersion}}", manifest);
        Assert.Matches(@"ModuleVersion\s*=\s*'\d+\.\d+\.\d+'", manifest);
    }

    private static IEnumerable<Type> OurOutputTypes => Cmdlets
        .SelectMany(t => t.GetCustomAttributesData().Where(a => a.AttributeType == typeof(OutputTypeAttribute)).SelectMany(OutputTypes))
        .Where(t => t.Assembly != typeof(object).Assembly && t != typeof(PSObject) && t.Namespace?.StartsWith("System", StringComparison.Ordinal) != true)
        .Distinct();

    private static IEnumerable<XElement> Views => XDocument.Load(Repo.File("module", "BankInsight.format.ps1xml")).Descendants("View");

    [Fact]
    public void Every_output_type_has_a_default_table_view_and_a_list_view()
    {
        foreach (var type in OurOutputTypes)
        {
            var views = Views.Where(v => v.Element("ViewSelectedBy")!.Elements("TypeName").Any(n => n.Value == type.FullName)).ToList();
            Assert.True(views.Count > 0, $"{type.FullName} has no view");
            // PowerShell uses the first view defined for a type as its default.
            Assert.True(views[0].Element("TableControl") is not null, $"the first view of {type.FullName} is not a table");
            Assert.True(views.Any(v => v.Element("ListControl") is not null), $"{type.FullName} has no list view");
            int columns = views[0].Descendants("TableColumnHeader").Count();
            Assert.InRange(columns, 3, 7);
        }
    }

    [Fact]
    public void Views_name_only_properties_their_types_have()
    {
        var types = typeof(BankInsight.Data.CustomerDataSet).Assembly.GetTypes().ToDictionary(t => t.FullName ?? t.Name);
        foreach (var view in Views)
        {
            var type = types[view.Element("ViewSelectedBy")!.Element("TypeName")!.Value];
            foreach (var property in view.Descendants("PropertyName").Select(p => p.Value))
                Assert.True(type.GetProperty(property) is not null, $"view {view.Element("Name")!.Value}: {type.Name} has no property {property}");
        }
    }

    [Fact]
    public void Every_label_is_the_property_it_shows()
    {
        // What a user sees as a column heading is what they can sort, filter and select on.
        var types = typeof(BankInsight.Data.CustomerDataSet).Assembly.GetTypes().ToDictionary(t => t.FullName ?? t.Name);
        foreach (var view in Views)
        {
            string name = view.Element("Name")!.Value;
            var type = types[view.Element("ViewSelectedBy")!.Element("TypeName")!.Value];
            var headers = view.Descendants("TableColumnHeader").ToList();
            var items = view.Descendants("TableColumnItem").ToList();
            Assert.Equal(headers.Count, items.Count);
            var pairs = headers.Select((h, i) => (Label: h.Element("Label")?.Value, Item: items[i]))
                .Concat(view.Descendants("ListItem").Select(li => (Label: li.Element("Label")?.Value, Item: li)));
            foreach (var (label, entry) in pairs)
            {
                string? property = entry.Element("PropertyName")?.Value;
                string? script = entry.Element("ScriptBlock")?.Value;
                string shown = label ?? property ?? throw new Xunit.Sdk.XunitException($"view {name}: an item has neither label nor property");
                Assert.True(type.GetProperty(shown) is not null, $"view {name}: label '{shown}' is not a property of {type.Name}");
                if (property is not null) Assert.Equal(shown, property);
                if (script is not null) Assert.Contains("$_." + shown, script);
            }
        }
    }

    [Fact]
    public void Every_view_names_a_real_type()
    {
        var types = typeof(BankInsight.Data.CustomerDataSet).Assembly.GetTypes().Concat(Module.GetTypes()).Select(t => t.FullName).ToHashSet();
        foreach (var name in XDocument.Load(Repo.File("module", "BankInsight.format.ps1xml")).Descendants("TypeName").Select(e => e.Value))
            Assert.Contains(name, types);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Every_cmdlet_is_documented_with_examples_and_every_parameter(string typeName)
    {
        var t = CmdletType(typeName);
        string path = Repo.File("docs", "en-US", CommandName(t) + ".md");
        Assert.True(File.Exists(path), $"missing {path}");
        string doc = File.ReadAllText(path);
        Assert.Contains("## SYNOPSIS", doc);
        Assert.Contains("## DESCRIPTION", doc);
        Assert.True(Regex.Matches(doc, @"^### Example \d", RegexOptions.Multiline).Count >= 2, "needs at least two examples");
        foreach (var name in Parameters(t).Select(p => p.Property.Name).Distinct())
            Assert.Contains($"### -{name}", doc);
        Assert.Contains("## OUTPUTS", doc);
    }

    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private static string Joined(string text) => Regex.Replace(text.Trim(), @"\s*\n\s*", " ");

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void The_help_file_matches_the_docs(string typeName)
    {
        // module/en-US/BankInsight.PowerShell.dll-Help.xml is generated from docs/en-US by
        // tools/make-help.py; if this fails, run it and commit the result.
        var t = CmdletType(typeName);
        string name = CommandName(t);
        var help = XDocument.Load(Repo.File("module", "en-US", "BankInsight.PowerShell.dll-Help.xml"));
        var command = help.Root!.Elements(Command + "command").SingleOrDefault(c => (string?)c.Element(Command + "details")?.Element(Command + "name") == name);
        Assert.True(command is not null, $"{name} is not in the help file: run python3 tools/make-help.py");
        string doc = File.ReadAllText(Repo.File("docs", "en-US", name + ".md"));
        string synopsis = Regex.Match(doc, @"## SYNOPSIS\n(.*?)\n\n##", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(Joined(synopsis), (string)command!.Element(Command + "details")!.Element(Maml + "description")!.Element(Maml + "para")!);
        var documented = command.Element(Command + "parameters")!.Elements(Command + "parameter").Select(p => (string)p.Element(Maml + "name")!).Order().ToArray();
        // -WhatIf and -Confirm come from SupportsShouldProcess, not from properties; platyPS documents them too.
        bool shouldProcess = Named<bool>(CmdletAttribute(t), "SupportsShouldProcess");
        Assert.Equal(shouldProcess, documented.Contains("WhatIf") && documented.Contains("Confirm"));
        Assert.Equal(Parameters(t).Select(p => p.Property.Name).Distinct().Order(), documented.Where(p => p is not ("WhatIf" or "Confirm")));
        var codes = Regex.Matches(doc, @"```powershell\n(.*?)\n```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
        var helpCodes = command.Element(Command + "examples")!.Elements(Command + "example").Select(e => (string)e.Element(Dev + "code")!).ToArray();
        Assert.Equal(codes, helpCodes);
        Assert.True(helpCodes.Length >= 2);
    }

    [Fact]
    public void The_help_file_ships_in_the_module_folder()
    {
        string shipped = Path.Combine(ModuleOut, "en-US", "BankInsight.PowerShell.dll-Help.xml");
        Assert.True(File.Exists(shipped), $"missing {shipped}");
        Assert.True(File.Exists(Path.Combine(ModuleOut, "en-US", "about_BankInsight.help.txt")));
    }

    [Fact]
    public void Every_error_id_is_explained_in_about_help()
    {
        string about = File.ReadAllText(Repo.File("module", "en-US", "about_BankInsight.help.txt"));
        var ids = typeof(BankInsight.Common.ErrorIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Matches(@"^BankInsight\.[A-Z][A-Za-z]+$", id));
        Assert.All(ids, id => Assert.Contains("        " + id + "\n", about.Replace("\r\n", "\n")));
    }
}

public class ReadmeTests
{
    [Fact]
    public void Included_examples_match_their_files()
    {
        // "<!-- include: path -->" before a fenced block: the block is that file, verbatim.
        string readme = File.ReadAllText(Repo.File("README.md")).Replace("\r\n", "\n");
        var includes = Regex.Matches(readme, @"<!-- include: (?<path>\S+) -->\n```\w*\n(?<code>.*?)\n```", RegexOptions.Singleline);
        Assert.True(includes.Count >= 3, "the three tours are included");
        foreach (Match m in includes)
        {
            string file = File.ReadAllText(Repo.File(m.Groups["path"].Value.Split('/'))).Replace("\r\n", "\n").TrimEnd('\n');
            Assert.True(file == m.Groups["code"].Value, $"README's copy of {m.Groups["path"].Value} differs from the file");
        }
    }
}
