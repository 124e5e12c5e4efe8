using BankInsight.Data.Schemas;

namespace BankInsight.PowerShell.Infrastructure;

/// <summary>A -Schema argument: a built-in name, or a JSON file path resolved against the PowerShell location.</summary>
internal static class SchemaResolution
{
    public static BankSchema Resolve(ICommandHost host, string nameOrPath)
    {
        bool isBuiltIn = BuiltInSchemas.Names.Any(n => string.Equals(n, nameOrPath, StringComparison.OrdinalIgnoreCase));
        return isBuiltIn ? BuiltInSchemas.Get(nameOrPath) : SchemaJson.Load(host.ResolveInputPaths(nameOrPath, literal: true)[0]);
    }
}
