using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BankInsight.Common;

namespace BankInsight.Data.Schemas;

/// <summary>
/// Reads and writes schema JSON files, the format users edit when the bank adds or reorders
/// columns. Layout (<c>"format": "bankinsight-schema/1"</c>):
/// <code>
/// { "format": "bankinsight-schema/1", "name": "Retail", "description": "…", "key": "客户编号",
///   "columns": [ { "name": "性别", "type": "categorical", "values": ["男","女","未知"],
///                  "codes": { "2": "男" }, "open": false, "role": null }, … ],
///   "segmentation": [ "年龄", … ],
///   "products": [ { "code": "1", "name": "存款", "alias": "Deposit", "columns": ["存款余额"], "related": ["存款月日均", …] }, … ] }
/// </code>
/// Types: text, number, integer, flag, categorical, date. Every problem is reported with the
/// source name and the column it concerns.
/// </summary>
public static class SchemaJson
{
    /// <summary>The format tag this version reads and writes.</summary>
    public const string FormatTag = "bankinsight-schema/1";

    private static readonly string[] TypeNames = ["text", "number", "integer", "flag", "categorical", "date"];

    /// <summary>Reads a schema from a JSON file.</summary>
    public static BankSchema Load(string path)
    {
        if (!File.Exists(path))
            throw new BankInsightException(ErrorIds.FileNotFound, ErrorKind.ObjectNotFound,
                $"Schema file '{path}' does not exist.", path);
        string json;
        try
        {
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BankInsightException(ErrorIds.FileUnreadable, ErrorKind.ReadError,
                $"Schema file '{path}' cannot be read: {e.Message}", path, e);
        }
        return Parse(json, path);
    }

    /// <summary>Parses schema JSON; <paramref name="source"/> names it in error messages.</summary>
    public static BankSchema Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"is not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Invalid(source, "must be a JSON object.");
            string? format = OptionalString(root, "format", source, "the schema");
            if (format is not null && format != FormatTag)
                throw Invalid(source, $"has format '{format}'; this version reads '{FormatTag}'.");
            string name = RequiredString(root, "name", source, "the schema");
            string? description = OptionalString(root, "description", source, "the schema");
            string? key = OptionalString(root, "key", source, "the schema");

            if (!root.TryGetProperty("columns", out var columnsElement) || columnsElement.ValueKind != JsonValueKind.Array)
                throw Invalid(source, "needs a \"columns\" array.");
            var columns = new List<SchemaColumn>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var element in columnsElement.EnumerateArray())
            {
                var column = ParseColumn(element, columns.Count, source);
                if (!seen.Add(column.Name))
                    throw Invalid(source, $"lists column '{column.Name}' twice.");
                columns.Add(column);
            }
            if (columns.Count == 0) throw Invalid(source, "has no columns.");

            if (key is not null)
            {
                var keyColumn = columns.FirstOrDefault(c => c.Name == key)
                    ?? throw Invalid(source, $"names key column '{key}', which is not among its columns.");
                if (keyColumn.Type != ColumnType.Text)
                    throw Invalid(source, $"key column '{key}' must have type text (ids are kept exactly as written).");
            }

            var segmentation = StringArray(root, "segmentation", source, "the schema");
            foreach (var s in segmentation)
                if (!seen.Contains(s)) throw Invalid(source, $"lists segmentation column '{s}', which is not among its columns.");

            var products = new List<ProductDefinition>();
            if (root.TryGetProperty("products", out var productsElement))
            {
                if (productsElement.ValueKind != JsonValueKind.Array) throw Invalid(source, "\"products\" must be an array.");
                foreach (var p in productsElement.EnumerateArray())
                {
                    string code = RequiredString(p, "code", source, "a product");
                    string where = $"product '{code}'";
                    string pname = RequiredString(p, "name", source, where);
                    string alias = OptionalString(p, "alias", source, where) ?? pname;
                    var balances = StringArray(p, "columns", source, where);
                    if (balances.Count == 0) throw Invalid(source, $"{where} needs at least one balance column.");
                    foreach (var b in balances)
                    {
                        var col = columns.FirstOrDefault(c => c.Name == b)
                            ?? throw Invalid(source, $"{where} uses column '{b}', which is not among its columns.");
                        if (!col.IsNumeric) throw Invalid(source, $"{where} uses column '{b}', which is not numeric.");
                    }
                    var related = p.TryGetProperty("related", out _) ? StringArray(p, "related", source, where) : [];
                    foreach (var r in related)
                        if (!seen.Contains(r)) throw Invalid(source, $"{where} lists related column '{r}', which is not among its columns.");
                    if (products.Any(x => x.Code == code || x.Name == pname || string.Equals(x.Alias, alias, StringComparison.OrdinalIgnoreCase)))
                        throw Invalid(source, $"{where} repeats the code, name or alias of another product.");
                    products.Add(new ProductDefinition(code, pname, alias, balances, related));
                }
            }
            return new BankSchema(name, description, columns, key, segmentation, products);
        }
    }

    private static SchemaColumn ParseColumn(JsonElement element, int position, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Invalid(source, $"column {position + 1} must be a JSON object.");
        string name = RequiredString(element, "name", source, $"column {position + 1}");
        string where = $"column {position + 1} ('{name}')";
        if (name.Length == 0) throw Invalid(source, $"column {position + 1} has an empty name.");
        string typeName = RequiredString(element, "type", source, where);
        int typeIndex = Array.IndexOf(TypeNames, typeName.ToLowerInvariant());
        if (typeIndex < 0)
            throw Invalid(source, $"{where} has unknown type '{typeName}' (expected one of: {string.Join(", ", TypeNames)}).");
        var type = (ColumnType)typeIndex;
        string? role = OptionalString(element, "role", source, where);
        bool isOpen = element.TryGetProperty("open", out var openElement) && openElement.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(source, $"{where}: \"open\" must be true or false."),
        };
        var values = StringArray(element, "values", source, where);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty("codes", out var codesElement))
        {
            if (codesElement.ValueKind != JsonValueKind.Object) throw Invalid(source, $"{where}: \"codes\" must be an object of code → value.");
            foreach (var code in codesElement.EnumerateObject())
            {
                if (code.Value.ValueKind != JsonValueKind.String) throw Invalid(source, $"{where}: code '{code.Name}' must map to a string value.");
                codes[code.Name] = code.Value.GetString()!;
            }
        }
        if (type == ColumnType.Categorical)
        {
            if (values.Count == 0 && !isOpen)
                throw Invalid(source, $"{where} is categorical but lists no values (add \"values\", or \"open\": true to learn them from the data).");
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in values)
                if (!distinct.Add(v)) throw Invalid(source, $"{where} lists value '{v}' twice.");
            foreach (var (code, label) in codes)
                if (!distinct.Contains(label)) throw Invalid(source, $"{where}: code '{code}' stands for '{label}', which is not in its values.");
        }
        else if (values.Count > 0 || codes.Count > 0 || isOpen)
        {
            throw Invalid(source, $"{where} has type {TypeNames[typeIndex]}; \"values\", \"codes\" and \"open\" apply to categorical columns only.");
        }
        return new SchemaColumn(position, name, type, role, values, codes, isOpen);
    }

    /// <summary>Writes a schema as indented JSON that <see cref="Parse"/> reads back to the same fingerprint.</summary>
    public static string ToJson(BankSchema schema)
    {
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, options))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatTag);
            w.WriteString("name", schema.Name);
            if (schema.Description is not null) w.WriteString("description", schema.Description);
            if (schema.KeyColumn is not null) w.WriteString("key", schema.KeyColumn.Name);
            w.WriteStartArray("columns");
            foreach (var c in schema.Columns)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("type", TypeNames[(int)c.Type]);
                if (c.Role is not null) w.WriteString("role", c.Role);
                if (c.Type == ColumnType.Categorical)
                {
                    w.WriteStartArray("values");
                    foreach (var v in c.Values) w.WriteStringValue(v);
                    w.WriteEndArray();
                    if (c.Codes.Count > 0)
                    {
                        w.WriteStartObject("codes");
                        foreach (var (code, label) in c.Codes) w.WriteString(code, label);
                        w.WriteEndObject();
                    }
                    if (c.IsOpen) w.WriteBoolean("open", true);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (schema.SegmentationColumns.Count > 0)
            {
                w.WriteStartArray("segmentation");
                foreach (var s in schema.SegmentationColumns) w.WriteStringValue(s);
                w.WriteEndArray();
            }
            if (schema.Products.Count > 0)
            {
                w.WriteStartArray("products");
                foreach (var p in schema.Products)
                {
                    w.WriteStartObject();
                    w.WriteString("code", p.Code);
                    w.WriteString("name", p.Name);
                    w.WriteString("alias", p.Alias);
                    w.WriteStartArray("columns");
                    foreach (var b in p.BalanceColumns) w.WriteStringValue(b);
                    w.WriteEndArray();
                    if (p.RelatedColumns.Count > 0)
                    {
                        w.WriteStartArray("related");
                        foreach (var r in p.RelatedColumns) w.WriteStringValue(r);
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string RequiredString(JsonElement obj, string property, string source, string where) =>
        OptionalString(obj, property, source, where) ?? throw Invalid(source, $"{where} needs a \"{property}\" string.");

    private static string? OptionalString(JsonElement obj, string property, string source, string where)
    {
        if (!obj.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw Invalid(source, $"{where}: \"{property}\" must be a string.");
        return value.GetString();
    }

    private static List<string> StringArray(JsonElement obj, string property, string source, string where)
    {
        var list = new List<string>();
        if (!obj.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return list;
        if (value.ValueKind != JsonValueKind.Array) throw Invalid(source, $"{where}: \"{property}\" must be an array of strings.");
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw Invalid(source, $"{where}: every entry of \"{property}\" must be a string.");
            list.Add(item.GetString()!);
        }
        return list;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static BankInsightException Invalid(string source, string problem, Exception? inner = null) =>
        new(ErrorIds.SchemaInvalid, ErrorKind.InvalidData, $"Schema '{source}' {problem}", source, inner);
}
