using System.Text;
using StatsIngest.Cli;
using StatsIngest.Tests.TestSupport;

namespace StatsIngest.Tests.Read;

/// <summary>A workbook with a password to open is refused saying so, and what to do: not "invalid password" (none was given).</summary>
public class EncryptedWorkbookTests
{
    private const string Said = "The workbook is encrypted with a password to open";

    [Fact]
    public void An_xls_encrypted_with_a_password_is_refused_saying_so_in_English_and_Chinese()
    {
        // Made by LibreOffice 7.4 from canonical_legacy.xls, saved as "MS Excel 97" with the password "secret" (RC4).
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path("encrypted_legacy.xls"));

        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains(Said, output, StringComparison.Ordinal);
        Assert.Contains("已加密", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Invalid password", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_xls_encrypted_with_excels_default_password_write_protected_only_is_read()
    {
        // The same, saved with the password "VelvetSweatshop": what Excel writes for a workbook protected against changes only.
        var (code, output) = ReadWarningTests.Validate(Fixtures.Path("write_protected_legacy.xls"));

        Assert.Equal(StatsIngestCli.Ok, code);
        Assert.Contains("2 observations would be stored", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_xlsx_is_refused_saying_so_and_goes_to_quarantine_with_the_report()
    {
        using var tmp = new TempFolder();
        var path = tmp.File("加密.xlsx");
        EncryptedXlsx(path);

        var (code, output) = ReadWarningTests.Validate(path);
        Assert.Equal(StatsIngestCli.FileProblems, code);
        Assert.Contains(Said, output, StringComparison.Ordinal);

        Assert.Equal(StatsIngestCli.FileProblems, CliRun.Run(["ingest", path, "--data", tmp.File("data")]).Code);
        var report = File.ReadAllText(tmp.File("data/quarantine/加密.xlsx.error.txt"));
        Assert.Contains(Said, report, StringComparison.Ordinal);
        Assert.Contains("已加密", report, StringComparison.Ordinal);
        Assert.True(File.Exists(tmp.File("data/quarantine/加密.xlsx")), "the file is kept beside its report");
    }

    /// <summary>What Office writes for an .xlsx with a password to open ([MS-OFFCRYPTO] agile): a compound file of the encryption's description and the encrypted package.</summary>
    private static void EncryptedXlsx(string path)
    {
        const string description = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/><keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA==" encryptedVerifierHashInput="AAAAAAAAAAAAAAAAAAAAAA==" encryptedVerifierHashValue="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==" encryptedKeyValue="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="/></keyEncryptor></keyEncryptors></encryption>
            """;
        byte[] info = [4, 0, 4, 0, 0x40, 0, 0, 0, .. Encoding.UTF8.GetBytes(description)]; // version 4.4, flags: agile
        var package = new byte[4096];
        new Random(7).NextBytes(package);
        BitConverter.GetBytes(3000L).CopyTo(package, 0); // the package's size before encryption
        CompoundFiles.Write(path, ("EncryptionInfo", info), ("EncryptedPackage", package));
    }
}
