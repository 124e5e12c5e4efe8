using BankInsight.Common;
using BankInsight.Data.Schemas;

namespace BankInsight.Jobs.Retail;

/// <summary>Finds a schema product by code ("1" or "01"), Chinese name (存款) or English alias (Deposit, any case).</summary>
public static class ProductNames
{
    /// <summary>The index of <paramref name="product"/> among <paramref name="products"/>; a clear error listing the choices otherwise.</summary>
    public static int Resolve(IReadOnlyList<ProductDefinition> products, string product)
    {
        string wanted = product.Trim();
        for (int p = 0; p < products.Count; p++)
        {
            var d = products[p];
            if (d.Code == wanted || d.ResultCode == wanted || d.Name == wanted || string.Equals(d.Alias, wanted, StringComparison.OrdinalIgnoreCase))
                return p;
        }
        throw new BankInsightException(ErrorIds.ParameterInvalid, ErrorKind.InvalidArgument,
            $"Unknown product '{product}'. Products: {string.Join(", ", products.Select(d => $"{d.Alias} ({d.Name}, {d.Code})"))}.", product);
    }

    /// <summary>The bit mask of a comma-separated code list such as "1,5".</summary>
    internal static int MaskOfCodes(IReadOnlyList<ProductDefinition> products, string codes)
    {
        int mask = 0;
        foreach (var code in codes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            mask |= 1 << Resolve(products, code);
        return mask;
    }
}
