using System.Globalization;
using System.Text;
using BankInsight.Common;
using BankInsight.Data.Reading;

namespace BankInsight.Tests.Reading;

public class FieldParserTests
{
    private static bool Number(string text, out double value) => FieldParsers.TryParseNumber(Encoding.ASCII.GetBytes(text), out value);

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("3.0", 3.0)]
    [InlineData("-12.5", -12.5)]
    [InlineData("+7", 7.0)]
    [InlineData(".5", 0.5)]
    [InlineData("1.", 1.0)]
    [InlineData("327532.82", 327532.82)]
    [InlineData("0.000000000000000000000001", 1e-24)]
    [InlineData("2.1009E+14", 210090000000000.0)]
    [InlineData("9.3448e-05", 9.3448e-05)]
    [InlineData("12345678901234567890", 12345678901234567890.0)]
    [InlineData("0.1000000000000000055511151231257827", 0.1)]
    public void Parses_plain_numbers(string text, double expected)
    {
        Assert.True(Number(text, out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,234")]
    [InlineData("12a")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("0x1F")]
    [InlineData("1e")]
    [InlineData("1e999")]
    [InlineData("¥12")]
    public void Rejects_what_is_not_a_plain_number(string text)
    {
        Assert.False(Number(text, out _));
    }

    [Fact]
    public void Agrees_with_the_bcl_parser_bit_for_bit()
    {
        // The fast path must give exactly double.Parse's result; random decimals of every shape.
        var random = new SeededRandom(2024);
        for (int i = 0; i < 200_000; i++)
        {
            int digits = random.NextInt(1, 17);
            var text = new StringBuilder();
            if (random.Bernoulli(0.2)) text.Append('-');
            for (int d = 0; d < digits; d++) text.Append((char)('0' + random.NextInt(10)));
            int point = random.NextInt(digits + 1);
            if (point < digits) text.Insert(text.Length - (digits - point), '.');
            if (random.Bernoulli(0.1)) text.Append('e').Append(random.NextInt(-30, 30));
            string s = text.ToString();
            Assert.True(Number(s, out double fast), s);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(s, CultureInfo.InvariantCulture)) & ~long.MinValue,
                BitConverter.DoubleToInt64Bits(fast) & ~long.MinValue);
        }
    }

    [Theory]
    [InlineData("20071017", 2007, 10, 17)]
    [InlineData("20071017.0", 2007, 10, 17)]
    [InlineData("2007-10-17", 2007, 10, 17)]
    [InlineData("2007/10/17", 2007, 10, 17)]
    [InlineData("2007-10-17 12:30:00", 2007, 10, 17)]
    [InlineData("2007-10-17-12.30.00.000000", 2007, 10, 17)]
    [InlineData("20240229", 2024, 2, 29)]
    public void Parses_dates(string text, int year, int month, int day)
    {
        Assert.True(FieldParsers.TryParseDate(Encoding.ASCII.GetBytes(text), out int dayNumber));
        Assert.Equal(new DateOnly(year, month, day), DateOnly.FromDayNumber(dayNumber));
    }

    [Theory]
    [InlineData("20071345")]
    [InlineData("20230229")]
    [InlineData("2007-1-17")]
    [InlineData("17/10/2007")]
    [InlineData("2007101")]
    [InlineData("200710170")]
    [InlineData("00000000")]
    public void Rejects_what_is_not_a_date(string text)
    {
        Assert.False(FieldParsers.TryParseDate(Encoding.ASCII.GetBytes(text), out _));
    }
}
