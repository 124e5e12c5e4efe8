using System.Security.Cryptography;
using BankInsight.Data.Reading;
using BankInsight.Synthetic;
using BankInsight.Tests.Support;
using static BankInsight.Tests.Cli.Runner;

namespace BankInsight.Tests.Synthetic;

/// <summary>
/// The files made without --months are pinned to the bytes the generator wrote before monthly
/// sequences existed (hashes taken from commit 9a60098 with <c>bankinsight generate</c>): scripts,
/// shipped models and benchmarks were built on them, so a new story must not move them by one byte.
/// </summary>
public class SingleFilePinTests
{
    public static TheoryData<string, int, int, string?, string, string> Pinned => new()
    {
        { "CorporateChurn", 3000, 42, null, "utf-8", "cbc08a6d07636a6d4609b98e2a359d470833ae5948d1c544e33d40210779aca0" },
        { "CorporateChurn", 700, 9, "2025-06-30", "gb18030", "377b7a3a8ecfded97e715560ea1c96a6b6cd95fa2c91bd5ec6f4a367fff5ef27" },
        { "CorporateProspect", 500, 3, null, "utf-8", "dbd805e0a3151241744e7883a9d468075f4fa11aed363fdd386ae0b2f690bba4" },
        { "ProspectRelation", 500, 3, null, "utf-8", "318a6de368c8d7862bd242a115c30b0414fb69888c870dc86d1c2de3928b01fd" },
        { "Retail", 500, 3, null, "utf-8", "908afc0edcaf973b8055ecd96723635c532df4ee45927641d2290bd2767d4046" },
    };

    [Theory]
    [MemberData(nameof(Pinned))]
    public void Core_writes_the_pinned_bytes(string schema, int rows, int seed, string? asOf, string encoding, string sha256)
    {
        var request = new SyntheticDataRequest(schema, rows)
        {
            Seed = seed,
            Encoding = TextEncodings.Resolve(encoding)!,
            AsOf = asOf is null ? SyntheticDataRequest.DefaultAsOf : DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture),
        };
        using var buffer = new MemoryStream();
        SyntheticDataGenerator.Generate(request, buffer, new CollectingSink());
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray())));
    }

    [Fact]
    public void The_runner_without_months_writes_the_pinned_file_under_the_name_given()
    {
        using var temp = new TempFolder();
        string path = temp.File("churn.del");
        Assert.Equal(0, Run("generate", "--schema", "CorporateChurn", "--rows", "3000", "--output", path).Exit);
        Assert.Equal("cbc08a6d07636a6d4609b98e2a359d470833ae5948d1c544e33d40210779aca0", Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        Assert.Equal(["churn.del"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }
}
