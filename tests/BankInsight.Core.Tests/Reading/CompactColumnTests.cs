using BankInsight.Data.Columns;
using Xunit;

namespace BankInsight.Tests.Reading;

public sealed class CompactColumnTests
{
    [Fact]
    public void Money_to_the_cent_is_kept_in_four_bytes_and_given_back_exactly()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 10_000).Select(i => i % 97 == 0 ? double.NaN : Math.Round(random.NextDouble() * 2e7 - 1e7, 2)).ToArray();
        values[5] = 21_474_836.47;   // the largest cents an int holds
        values[6] = -21_474_836.47;
        var compact = new CompactNumbers();
        compact.Add(values.AsSpan(0, 5000));
        compact.Add(values.AsSpan(5000));
        Assert.Equal(0, compact.DoubleBlocks);
        Assert.Equal(40_000, compact.Bytes);
        var back = compact.ToArray();
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(back[i]));
    }

    [Theory]
    [InlineData(0.125)]           // three decimals
    [InlineData(21_474_836.48)]   // beyond int cents
    [InlineData(1e15)]
    [InlineData(0.1 + 0.2)]       // not the double of any two-decimal number
    public void A_block_with_a_value_cents_cannot_give_back_is_kept_as_doubles(double odd)
    {
        var compact = new CompactNumbers();
        compact.Add([1.5, 2, double.NaN]);
        compact.Add([3.25, odd, 7]);
        Assert.Equal(1, compact.DoubleBlocks);
        Assert.Equal(3 * 4 + 3 * 8, compact.Bytes);
        var back = compact.ToArray();
        Assert.Equal([1.5, 2, double.NaN, 3.25, odd, 7], back);
    }

    [Fact]
    public void Pooled_text_gives_every_row_back()
    {
        var pool = new PooledText(4);
        var texts = Enumerable.Range(0, 300_000).Select(i => i % 1000 == 0 ? null : i % 3 == 0 ? $"客户{i}" : $"1018{i:D11}").ToArray();
        foreach (var t in texts) pool.Add(t);
        Assert.Equal(texts.Length, pool.Count);
        Assert.True(pool.Bytes > 4 << 20, "the ids span more than one block");
        for (int i = 0; i < texts.Length; i += 7) Assert.Equal(texts[i], pool[i]);
        Assert.Equal(texts[^1], pool[texts.Length - 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool[texts.Length]);
    }
}
