using System.Globalization;
using System.Text.RegularExpressions;

namespace BankInsight.Jobs.Prospects;

/// <summary>What a related party is: a natural person or an enterprise.</summary>
public enum PartyKind
{
    /// <summary>The row does not tell, or its signs contradict each other (see <see cref="PartyEvidence"/>).</summary>
    Unknown,
    /// <summary>A natural person: a retail lead, not a corporate prospect.</summary>
    Person,
    /// <summary>An enterprise (company, factory, shop, co-operative…): an upstream/downstream prospect.</summary>
    Company,
}

/// <summary>How a related party is related to the company, by the family of its relation type.</summary>
public enum RelationFamily
{
    /// <summary>Any other relation, or none the row names (codes outside the families below, or no code).</summary>
    Other,
    /// <summary>股权关系 (codes 01xx): the company's shareholders — persons or enterprises.</summary>
    Equity,
    /// <summary>投资关系 (codes 02xx): enterprises the company invests in.</summary>
    Investment,
    /// <summary>董监高 / 企业关键人 (codes 03xx): legal representative, directors, senior managers, actual controller.</summary>
    KeyPerson,
    /// <summary>交易对手 (codes 5xxx): trading counterparties — enterprises or persons.</summary>
    Counterparty,
}

/// <summary>The signs in a relation row that the classification rests on (several may hold).</summary>
[Flags]
public enum PartyEvidence
{
    /// <summary>No sign at all.</summary>
    None = 0,
    /// <summary>The relation family is one only natural persons hold (董监高 / 企业关键人, 03xx).</summary>
    PersonRelation = 1,
    /// <summary>The relation family is one only enterprises hold (投资关系, 02xx: an investee).</summary>
    CompanyRelation = 2,
    /// <summary>营业执照 holds a unified social credit code (18 characters) or an old 15-digit registration number.</summary>
    Licence = 4,
    /// <summary>The name carries an enterprise word (公司, 有限, 股份, 集团, 合作社, 经营部, 商行, 门市, 中心, …厂, …店, Ltd…).</summary>
    CompanyName = 8,
    /// <summary>营业执照 holds a resident identity number (18 characters, a birth date, a valid check digit): a person's.</summary>
    ResidentId = 16,
    /// <summary>The name is 2–4 Chinese characters with no enterprise word (or a transliterated name joined by ·): a person's name, most likely.</summary>
    PersonName = 32,
}

/// <summary>One relation row classified.</summary>
/// <param name="Kind">Person, company, or unknown.</param>
/// <param name="Family">The relation family.</param>
/// <param name="Evidence">The signs found.</param>
public sealed record RelatedPartyClass(PartyKind Kind, RelationFamily Family, PartyEvidence Evidence)
{
    /// <summary>Signs that point at an enterprise.</summary>
    public const PartyEvidence CompanySigns = PartyEvidence.CompanyRelation | PartyEvidence.Licence | PartyEvidence.CompanyName;

    /// <summary>Whether any sign points at an enterprise (also on an Unknown: the row contradicts itself but may be a company).</summary>
    public bool HasCompanySign => (Evidence & CompanySigns) != 0;
}

/// <summary>
/// Classifies a related party of the relation file (关联关系表) as a person or a company, and its
/// relation into a family, from the columns 关系类型, 上级关系类型, 关联人客户名称 and 营业执照.
/// Pure: the same row always gets the same answer.
/// </summary>
/// <remarks>
/// <para><b>Family.</b> From 关系类型 when it is a known code, else from 上级关系类型 (a code, or one of the
/// names the bank's column dictionary lists for it: 股权关系, 投资关系, 董监高, 企业关键人, 交易对手).
/// 关系类型 comes first because it is the finer of the two; the parent fills in when the child is
/// empty or unreadable. Codes: 01xx equity, 02xx investment, 03xx key persons (0301 法定代表人,
/// 0302 董事, 0303 高级管理人员, 0305 实际控制人), 5xxx counterparties (as in the bank's samples);
/// any other code is Other.</para>
/// <para><b>Kind.</b> The relation code decides when it can: the bank's own coding beats any guess
/// from the text of the row.</para>
/// <list type="bullet">
/// <item>Key persons (03xx) are natural persons: a legal representative, a director or a senior
/// manager must be one by law. Such a row is a Person — unless it carries an enterprise sign (a
/// licence, an enterprise word in the name): then the row contradicts itself and is Unknown (an
/// actual controller, 0305, can be a holding company; such a row still has a company sign and stays
/// on the company list).</item>
/// <item>Investment (02xx) names an investee, and only enterprises take investment: a Company, unless
/// 营业执照 holds a resident id (a person's number) — Unknown.</item>
/// <item>Equity (01xx), counterparties (5xxx) and other codes are held by persons and enterprises
/// alike (the bank's sample has shareholders 寿甘, 易袋 and counterparties 拜秀吝 next to 有限公司): the
/// row's own signs decide. A licence (unified social credit code: 18 characters of its alphabet,
/// e.g. 9144…MA…; or an old 15-digit registration number) or an enterprise word in the name means a
/// Company — the 2–4 character name of a sole trader with a licence is a business account. A
/// resident id in 营业执照 means a Person; so does a name of 2–4 Chinese characters with no
/// enterprise word (most Chinese personal names are 2–4 characters; enterprise names are longer and
/// carry an enterprise word). Both an enterprise sign and a resident id: Unknown. No sign (no name,
/// a contract number for a name, a long name with no enterprise word): Unknown.</item>
/// </list>
/// <para>Placeholders in 营业执照 ("无", "-", "0") are not signs: only the shapes above count. The
/// unified social credit code's check character is not verified: a mistyped code is still a
/// licence, and a company with a mistyped licence is still a company.</para>
/// </remarks>
public static class RelatedPartyClassifier
{
    // Enterprise words found anywhere in a name: legal forms (公司, 有限, 股份, 合伙), groups and
    // co-operatives, and the usual names of sole traders' and public bodies' units.
    private static readonly string[] CompanyWords =
    [
        "公司", "有限", "股份", "集团", "合伙", "合作社", "联社", "经营部", "营业部", "门市", "商行", "商店", "超市",
        "中心", "企业", "事务所", "工作室", "办事处", "研究院", "研究所", "医院", "学校", "幼儿园", "协会", "商会",
        "委员会", "银行", "分行", "支行", "酒店", "宾馆", "农场", "养殖场", "政府",
    ];

    // One-character enterprise endings. 厂 and 店 end no given name, so from 3 characters on; the
    // others (社 馆 院 所 部 场 局) do end a few given names, so only names of 4 or more characters,
    // which are rarely personal names, count.
    private const string ShortNameEndings = "厂店";
    private const string LongNameEndings = "社馆院所部场局";

    private static readonly Regex LatinCompanyWord = new(@"\b(co|ltd|limited|inc|llc|corp|corporation|company|group|gmbh|plc)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    // Unified social credit code alphabet (GB 32100-2015): digits and capitals without I, O, S, V, Z.
    private const string CreditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Classifies one relation row.</summary>
    /// <param name="relationType">关系类型, e.g. "0301" (null or empty when not given).</param>
    /// <param name="parentType">上级关系类型: a code ("0300") or a dictionary name ("董监高"), or null.</param>
    /// <param name="relatedName">关联人客户名称, or null.</param>
    /// <param name="licence">营业执照, or null.</param>
    public static RelatedPartyClass Classify(string? relationType, string? parentType, string? relatedName, string? licence)
    {
        var family = FamilyOf(relationType) ?? FamilyOf(parentType) ?? RelationFamily.Other;
        var evidence = family switch
        {
            RelationFamily.KeyPerson => PartyEvidence.PersonRelation,
            RelationFamily.Investment => PartyEvidence.CompanyRelation,
            _ => PartyEvidence.None,
        };
        evidence |= LicenceEvidence(licence) | NameEvidence(relatedName);
        bool companySign = (evidence & (PartyEvidence.Licence | PartyEvidence.CompanyName)) != 0;
        bool residentId = (evidence & PartyEvidence.ResidentId) != 0;
        var kind = family switch
        {
            RelationFamily.KeyPerson => companySign ? PartyKind.Unknown : PartyKind.Person,
            RelationFamily.Investment => residentId ? PartyKind.Unknown : PartyKind.Company,
            _ when companySign && residentId => PartyKind.Unknown,
            _ when companySign => PartyKind.Company,
            _ when residentId || (evidence & PartyEvidence.PersonName) != 0 => PartyKind.Person,
            _ => PartyKind.Unknown,
        };
        return new RelatedPartyClass(kind, family, evidence);
    }

    /// <summary>
    /// The family a relation code or parent name stands for; null when the value is empty or is
    /// neither a numeric code nor a name of the dictionary (then another column may tell).
    /// </summary>
    public static RelationFamily? FamilyOf(string? code)
    {
        string c = (code ?? "").Trim();
        if (c.Length == 0) return null;
        switch (c)
        {
            case "股权关系": return RelationFamily.Equity;
            case "投资关系": return RelationFamily.Investment;
            case "董监高": case "企业关键人": return RelationFamily.KeyPerson;
            case "交易对手": return RelationFamily.Counterparty;
        }
        if (c.Length < 2 || !c.All(char.IsAsciiDigit)) return null;
        if (c[0] == '5') return RelationFamily.Counterparty;
        return c[..2] switch
        {
            "01" => RelationFamily.Equity,
            "02" => RelationFamily.Investment,
            "03" => RelationFamily.KeyPerson,
            _ => RelationFamily.Other,
        };
    }

    /// <summary>What 营业执照 says: a licence, a resident id, or nothing.</summary>
    public static PartyEvidence LicenceEvidence(string? licence)
    {
        string v = (licence ?? "").Trim().ToUpperInvariant();
        if (IsResidentId(v)) return PartyEvidence.ResidentId;
        if (v.Length == 18 && v.All(ch => CreditCodeAlphabet.Contains(ch, StringComparison.Ordinal))) return PartyEvidence.Licence;
        if (v.Length == 15 && v.All(char.IsAsciiDigit)) return PartyEvidence.Licence;
        return PartyEvidence.None;
    }

    /// <summary>What the related party's name says: an enterprise, a person, or nothing.</summary>
    public static PartyEvidence NameEvidence(string? name)
    {
        string n = string.Concat((name ?? "").Where(ch => !char.IsWhiteSpace(ch)));
        if (n.Length == 0) return PartyEvidence.None;
        if (CompanyWords.Any(w => n.Contains(w, StringComparison.Ordinal))
            || (n.Length >= 3 && ShortNameEndings.Contains(n[^1], StringComparison.Ordinal))
            || (n.Length >= 4 && LongNameEndings.Contains(n[^1], StringComparison.Ordinal))
            || LatinCompanyWord.IsMatch(n))
            return PartyEvidence.CompanyName;
        if (n.Length is >= 2 and <= 4 && n.All(IsHan)) return PartyEvidence.PersonName;
        // Transliterated names (阿卜杜拉·买买提) join Chinese parts with a middle dot.
        var parts = n.Split('·', '•', '・');
        if (parts.Length > 1 && n.Length <= 20 && parts.All(p => p.Length > 0 && p.All(IsHan))) return PartyEvidence.PersonName;
        return PartyEvidence.None;
    }

    private static bool IsHan(char ch) => ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    // GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check.
    // A unified social credit code can be 18 digits too; the date and the check tell them apart.
    private static bool IsResidentId(string v)
    {
        if (v.Length != 18 || !v.AsSpan(0, 17).ToString().All(char.IsAsciiDigit)) return false;
        if (!DateTime.TryParseExact(v.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) || born.Year < 1900) return false;
        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (v[i] - '0') * weights[i];
        return v[17] == "10X98765432"[sum % 11];
    }
}
