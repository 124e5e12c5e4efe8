using BankInsight.Common;
using BankInsight.Data.Schemas;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>
/// A -Schema argument: a built-in name, or a JSON file path resolved against the PowerShell
/// location. A word that is neither (no folder, no .json, no such file) is a mistyped name, and
/// is reported as an unknown schema with the list, not as a missing file.
/// </summary>
internal static class SchemaResolution
{
    public static BankSchema Resolve(ICommandHost host, string nameOrPath)
    {
        string? builtIn = BuiltInSchemas.Names.FirstOrDefault(n => string.Equals(n, nameOrPath, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null) return BuiltInSchemas.Get(builtIn);
        string path = host.ResolveInputPaths(nameOrPath, literal: true)[0];
        bool looksLikePath = nameOrPath.IndexOfAny(['/', '\\']) >= 0 || nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        if (!File.Exists(path) && !looksLikePath)
            throw new BankInsightException(ErrorIds.SchemaNotFound, ErrorKind.ObjectNotFound,
                $"Unknown schema '{nameOrPath}'. Built-in schemas: {string.Join(", ", BuiltInSchemas.Names)}; or give the path of a schema JSON file (Get-BankSchema <name> -AsJson makes one).", nameOrPath);
        return SchemaJson.Load(path);
    }
}
