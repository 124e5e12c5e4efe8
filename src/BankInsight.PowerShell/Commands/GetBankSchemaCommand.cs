using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data.Schemas;
using BankInsight.PowerShell.Infrastructure;

namespace BankInsight.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Gets the built-in schemas, or checks and loads a schema JSON file.</para>
/// <para type="description">A schema lists a file's columns in order with types and value lists. -AsJson gives the JSON a bank edits when it adds or reorders columns.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "BankSchema", DefaultParameterSetName = NameSet)]
[OutputType(typeof(BankSchema), typeof(SchemaColumn), typeof(string))]
public sealed class GetBankSchemaCommand : BankInsightCmdlet
{
    private const string NameSet = "Name";
    private const string PathSet = "Path";

    /// <summary>Schema names; wildcards allowed. All built-in schemas when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(SchemaNameCompleter))]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    /// <summary>A schema JSON file to load and check.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    public string Path { get; set; } = "";

    /// <summary>Emit these columns of the schema(s) instead of the schema; wildcards allowed.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ColumnNameCompleter))]
    [SupportsWildcards]
    public string[]? Column { get; set; }

    /// <summary>Emit the schema as JSON text instead of an object.</summary>
    [Parameter]
    public SwitchParameter AsJson { get => AsJsonFlag; set => AsJsonFlag = value.IsPresent; }

    /// <summary>The switch as a plain bool: what the adapter reads (and tests set).</summary>
    internal bool AsJsonFlag { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord() => Guarded(() => Process(CommandHost));

    internal void Process(ICommandHost host)
    {
        foreach (var schema in Select(host))
        {
            if (Column is not { Length: > 0 })
            {
                host.WriteObject(AsJsonFlag ? SchemaJson.ToJson(schema) : schema);
                continue;
            }
            foreach (var pattern in Column)
            {
                var wildcard = new WildcardMatcher(pattern);
                var matches = schema.Columns.Where(c => wildcard.IsMatch(c.Name)).ToList();
                if (matches.Count == 0 && !wildcard.HasWildcards)
                    host.WriteError(new ErrorSpec(ErrorIds.ColumnNotFound, ErrorCategory.ObjectNotFound,
                        $"Schema {schema.Name} has no column '{pattern}'.", pattern));
                foreach (var c in matches) host.WriteObject(c);
            }
        }
    }

    private IEnumerable<BankSchema> Select(ICommandHost host)
    {
        if (!string.IsNullOrEmpty(Path))
        {
            yield return SchemaJson.Load(host.ResolveInputPaths(Path, literal: true)[0]);
            yield break;
        }
        if (Name is null || Name.Length == 0)
        {
            foreach (var s in BuiltInSchemas.GetAll()) yield return s;
            yield break;
        }
        foreach (var pattern in Name)
        {
            var wildcard = new WildcardMatcher(pattern);
            var matches = BuiltInSchemas.GetAll().Where(s => wildcard.IsMatch(s.Name)).ToList();
            if (matches.Count == 0 && !wildcard.HasWildcards)
            {
                host.WriteError(new ErrorSpec(ErrorIds.SchemaNotFound, ErrorCategory.ObjectNotFound,
                    $"There is no built-in schema '{pattern}'. Built-in schemas: {string.Join(", ", BuiltInSchemas.Names)}.", pattern));
                continue;
            }
            foreach (var s in matches) yield return s;
        }
    }
}
