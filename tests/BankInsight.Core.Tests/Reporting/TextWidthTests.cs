using BankInsight.Reporting.Charts;

namespace BankInsight.Tests.Reporting;

public sealed class TextWidthTests
{
    [Fact]
    public void Chinese_characters_take_a_full_em_and_ascii_about_six_tenths()
    {
        Assert.Equal(8 * 12.0, TextWidth.Estimate("本月日均存款余额", 12), 6);
        Assert.Equal(8 * 0.6 * 12, TextWidth.Estimate("abcdefgh", 12), 6);
        Assert.Equal(4 * 0.6 * 10, TextWidth.Estimate("2024", 10), 6);
        Assert.Equal(0.35 * 12 * 3, TextWidth.Estimate(".,:", 12), 6);
        Assert.Equal(12.0 * 2, TextWidth.Estimate("（）", 12), 6); // full-width punctuation
        Assert.True(TextWidth.Estimate("本月日均存款余额", 12) > 1.5 * TextWidth.Estimate("deposits", 12));
    }

    [Fact]
    public void Mixed_labels_add_up()
    {
        // 4 CJK + space + "balance" (6 letters at 0.6, the narrow 'l' at 0.35) + uppercase 'X'
        Assert.Equal((4 + 0.35 + 6 * 0.6 + 0.35 + 0.7) * 12, TextWidth.Estimate("日均存款 balanceX", 12), 6);
    }

    [Fact]
    public void A_character_beyond_the_basic_plane_counts_once()
    {
        Assert.Equal(12.0, TextWidth.Estimate("𠀀", 12), 6); // CJK extension B: one surrogate pair
    }

    [Fact]
    public void Empty_text_has_no_width()
    {
        Assert.Equal(0, TextWidth.Estimate("", 12));
        Assert.Equal(0, TextWidth.Estimate(null, 12));
    }

    [Fact]
    public void Text_that_fits_is_kept()
    {
        Assert.Equal("本月日均存款余额", TextWidth.Truncate("本月日均存款余额", 96, 12));
    }

    [Fact]
    public void Long_text_is_cut_with_an_ellipsis_within_the_width()
    {
        string cut = TextWidth.Truncate("本月日均存款余额", 50, 12);
        Assert.Equal("本月日…", cut); // 3 × 12 + 12 for "…" = 48 ≤ 50
        Assert.True(TextWidth.Estimate(cut, 12) <= 50);
        Assert.Equal("abc…", TextWidth.Truncate("abc defghij", 4 * 0.6 * 12 + 12, 12)); // trailing space dropped
    }

    [Fact]
    public void A_surrogate_pair_is_never_split()
    {
        string cut = TextWidth.Truncate("a𠀀𠀀𠀀", 0.6 * 12 + 12 + 12 + 1, 12);
        Assert.Equal("a𠀀…", cut);
    }

    [Fact]
    public void When_not_even_the_ellipsis_fits_the_result_is_empty()
    {
        Assert.Equal("", TextWidth.Truncate("本月日均存款余额", 5, 12));
    }

    [Fact]
    public void Bad_sizes_are_refused()
    {
        Assert.Equal("fontSize", Assert.Throws<ArgumentOutOfRangeException>(() => TextWidth.Estimate("a", 0)).ParamName);
        Assert.Equal("fontSize", Assert.Throws<ArgumentOutOfRangeException>(() => TextWidth.Estimate("a", double.NaN)).ParamName);
        Assert.Equal("maxWidth", Assert.Throws<ArgumentOutOfRangeException>(() => TextWidth.Truncate("a", -1, 12)).ParamName);
    }
}
