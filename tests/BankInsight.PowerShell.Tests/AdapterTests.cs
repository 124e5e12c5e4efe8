using System.Management.Automation;
using BankInsight.Common;
using BankInsight.Data;
using BankInsight.Data.Reading;
using BankInsight.Data.Schemas;
using BankInsight.PowerShell.Commands;
using BankInsight.ResultFiles;

namespace BankInsight.PowerShell.Tests;

public class ImportCustomerDataTests
{
    private static string Sample(string name) => Repo.File("tests", "BankInsight.Core.Tests", "TestData", "reference", name);

    [Fact]
    public void Loads_a_file_into_one_data_set_and_reports_bad_rows_as_errors()
    {
        var host = new FakeHost();
        var command = new ImportCustomerDataCommand { Path = [Sample("potential_customer_relation.del")], Schema = "ProspectRelation", CommandHost = host };
        command.Process(host);

        var data = Assert.IsType<CustomerDataSet>(Assert.Single(host.Output));
        Assert.Equal(509, data.RowCount);
        Assert.Equal(2, host.Errors.Count);
        var error = host.Errors[0];
        Assert.Equal(ErrorIds.RowRejected, error.ErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.Category);
        var rejection = Assert.IsType<RowRejection>(error.Target);
        Assert.Equal((509, "是否我行客户", "2"), (rejection.Line, rejection.Column, rejection.Value));
        Assert.Contains(host.Warnings, w => w.Contains("'上级关系类型' is empty in every row"));
        Assert.Contains(host.Progress, p => p.Completed && p.Activity == "Loading potential_customer_relation.del" && p.PercentComplete == 100);
    }

    [Fact]
    public void Maps_every_parameter_onto_the_load_options()
    {
        var host = new FakeHost();
        var command = new ImportCustomerDataCommand
        {
            Schema = "retail", Encoding = TextEncodings.Resolve("gbk"), Delimiter = ';', Header = HeaderMode.Present,
            DuplicateId = DuplicateIdPolicy.Keep,
        };
        var options = command.BuildOptions(host, "in.csv", Path.Combine(host.CurrentDirectory, "rejects.del"));
        Assert.Equal("Retail", options.Schema.Name);
        Assert.Equal("gb18030", TextEncodings.NameOf(options.Encoding!));
        Assert.Equal(';', options.Delimiter);
        Assert.Equal(HeaderMode.Present, options.Header);
        Assert.Equal(DuplicateIdPolicy.Keep, options.DuplicateIds);
        Assert.Equal(Path.Combine(host.CurrentDirectory, "rejects.del"), options.RejectPath);
    }

    [Fact]
    public void Guesses_the_schema_when_none_is_given_and_says_so()
    {
        var host = new FakeHost();
        var command = new ImportCustomerDataCommand { Path = [Sample("customer_losing_with_header.csv")], DuplicateId = DuplicateIdPolicy.Keep };
        command.Process(host);
        Assert.Equal("CorporateChurn", Assert.IsType<CustomerDataSet>(host.Output[0]).Schema.Name);
        Assert.Contains(host.Verbose, v => v.StartsWith("Schema CorporateChurn chosen for", StringComparison.Ordinal));
    }

    [Fact]
    public void As_record_emits_one_object_per_row_in_schema_order()
    {
        var host = new FakeHost();
        var command = new ImportCustomerDataCommand { Path = [Sample("potential_customer.del")], Schema = "CorporateProspect", AsRecordFlag = true, DuplicateId = DuplicateIdPolicy.Keep };
        command.Process(host);
        Assert.Equal(188, host.Output.Count);
        var first = Assert.IsType<Dictionary<string, object?>>(host.Output[0]);
        Assert.Equal("210090000000000.0", first["客户编号"]);
        Assert.Equal(105074.0, first["近3个月交易金额"]);
        Assert.Equal("客户编号", first.Keys.First());
    }

    [Fact]
    public void Wildcards_load_each_matching_file()
    {
        using var temp = new TempFolder();
        foreach (var n in new[] { "a.del", "b.del" })
            File.Copy(Sample("potential_customer.del"), temp.File(n));
        var host = new FakeHost { CurrentDirectory = temp.Path };
        new ImportCustomerDataCommand { Path = ["*.del"], Schema = "CorporateProspect", DuplicateId = DuplicateIdPolicy.Keep }.Process(host);
        Assert.Equal(["a.del", "b.del"], host.Output.Cast<CustomerDataSet>().Select(d => Path.GetFileName(d.Source)));
    }

    [Fact]
    public void One_reject_file_for_many_inputs_is_refused()
    {
        using var temp = new TempFolder();
        foreach (var n in new[] { "a.del", "b.del" }) File.Copy(Sample("potential_customer.del"), temp.File(n));
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var e = Assert.Throws<TerminatingErrorException>(() =>
            new ImportCustomerDataCommand { Path = ["*.del"], Schema = "CorporateProspect", RejectPath = "r.del" }.Process(host));
        Assert.Equal(ErrorIds.ParameterInvalid, e.Spec.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.Spec.Category);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_a_non_terminating_error_and_the_other_files_still_load()
    {
        var host = new FakeHost();
        var command = new ImportCustomerDataCommand
        {
            Path = [Sample("potential_customer.del"), Sample("customer_losing.del"), Sample("no-such-file.del")],
            Schema = "CorporateChurn", DuplicateId = DuplicateIdPolicy.Keep, CommandHost = host,
        };
        command.Guarded(() => command.Process(host));
        Assert.Equal(Sample("customer_losing.del"), Assert.IsType<CustomerDataSet>(Assert.Single(host.Output)).Source);
        var layout = Assert.Single(host.Errors, e => e.ErrorId == ErrorIds.FileLayoutInvalid);
        Assert.Equal((ErrorCategory.InvalidData, Sample("potential_customer.del")), (layout.Category, layout.Target));
        Assert.IsType<BankInsightException>(layout.Exception);
        var missing = Assert.Single(host.Errors, e => e.ErrorId == ErrorIds.FileNotFound);
        Assert.Equal((ErrorCategory.ObjectNotFound, Sample("no-such-file.del")), (missing.Category, missing.Target));
    }

    [Fact]
    public void A_schema_json_path_is_resolved_against_the_current_location()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("mine.json"), SchemaJson.ToJson(BuiltInSchemas.Get("CorporateProspect")));
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var options = new ImportCustomerDataCommand { Schema = "mine.json" }.BuildOptions(host, "x.del");
        Assert.Equal(BuiltInSchemas.Get("CorporateProspect").Fingerprint, options.Schema.Fingerprint);
    }
}

public class NewSyntheticCustomerDataTests
{
    [Fact]
    public void Without_a_path_returns_the_data_set()
    {
        var host = new FakeHost();
        new NewSyntheticCustomerDataCommand { Schema = "Retail", Count = 250, Seed = 5 }.Process(host);
        var data = Assert.IsType<CustomerDataSet>(Assert.Single(host.Output));
        Assert.Equal(250, data.RowCount);
        Assert.Empty(host.Errors);
        Assert.Empty(host.ShouldProcessCalls); // nothing written, nothing to confirm
    }

    [Fact]
    public void Maps_parameters_onto_the_request()
    {
        var request = new NewSyntheticCustomerDataCommand { Schema = "CorporateChurn", Count = 10, Seed = 3, Encoding = TextEncodings.Gb18030, AsOf = new DateTime(2025, 6, 30) }.BuildRequest();
        Assert.Equal(("CorporateChurn", 10, 3), (request.Schema, request.Customers, request.Seed));
        Assert.Equal("gb18030", TextEncodings.NameOf(request.Encoding));
        Assert.Equal(new DateOnly(2025, 6, 30), request.AsOf);
    }

    [Fact]
    public void With_a_path_asks_first_then_writes_the_file()
    {
        using var temp = new TempFolder();
        var host = new FakeHost { CurrentDirectory = temp.Path };
        new NewSyntheticCustomerDataCommand { Schema = "CorporateProspect", Count = 100, Path = "p.del" }.Process(host);
        var (target, action) = Assert.Single(host.ShouldProcessCalls);
        Assert.Equal(temp.File("p.del"), target);
        Assert.Contains("100 synthetic CorporateProspect customers", action);
        Assert.Equal(temp.File("p.del"), Assert.IsType<FileInfo>(Assert.Single(host.Output)).FullName);
        Assert.Equal(100, File.ReadAllLines(temp.File("p.del")).Length);
    }

    [Fact]
    public void WhatIf_writes_nothing()
    {
        using var temp = new TempFolder();
        var host = new FakeHost { CurrentDirectory = temp.Path, ShouldProcessAnswer = false };
        new NewSyntheticCustomerDataCommand { Schema = "Retail", Count = 10, Path = "r.del" }.Process(host);
        Assert.False(File.Exists(temp.File("r.del")));
        Assert.Empty(host.Output);
    }

    [Fact]
    public void An_existing_file_is_replaced_unless_NoClobber()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("r.del"), "keep me");
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var command = new NewSyntheticCustomerDataCommand { Schema = "Retail", Count = 10, Path = "r.del", NoClobberFlag = true, CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Process(host)));
        Assert.Equal((ErrorIds.OutputExists, ErrorCategory.ResourceExists), (e.Spec.ErrorId, e.Spec.Category));
        Assert.Equal(temp.File("r.del"), e.Spec.Target);
        Assert.Equal("keep me", File.ReadAllText(temp.File("r.del")));
        new NewSyntheticCustomerDataCommand { Schema = "Retail", Count = 10, Path = "r.del" }.Process(host);
        Assert.Equal(10, File.ReadAllLines(temp.File("r.del")).Length);
    }

    [Fact]
    public void A_read_only_file_is_replaced_only_with_Force_and_stays_read_only()
    {
        using var temp = new TempFolder();
        string file = temp.File("r.del");
        File.WriteAllText(file, "keep me");
        File.SetAttributes(file, FileAttributes.ReadOnly);
        try
        {
            var host = new FakeHost { CurrentDirectory = temp.Path };
            var command = new NewSyntheticCustomerDataCommand { Schema = "Retail", Count = 10, Path = "r.del", CommandHost = host };
            var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Process(host)));
            Assert.Equal(ErrorIds.OutputExists, e.Spec.ErrorId);
            Assert.Contains("-Force", e.Spec.Message);
            Assert.Equal("keep me", File.ReadAllText(file));
            new NewSyntheticCustomerDataCommand { Schema = "Retail", Count = 10, Path = "r.del", ForceFlag = true }.Process(host);
            Assert.Equal(10, File.ReadAllLines(file).Length);
            Assert.True(File.GetAttributes(file).HasFlag(FileAttributes.ReadOnly));
        }
        finally
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }
    }

    [Fact]
    public void A_missing_folder_is_reported_before_any_work()
    {
        using var temp = new TempFolder();
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var command = new NewSyntheticCustomerDataCommand { Schema = "Retail", Count = 10, Path = "no/such/r.del", CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Process(host)));
        Assert.Equal((ErrorIds.OutputWriteFailed, ErrorCategory.WriteError), (e.Spec.ErrorId, e.Spec.Category));
        Assert.Contains("does not exist", e.Spec.Message);
        Assert.Empty(host.ShouldProcessCalls);
    }

    [Fact]
    public void Unknown_schema_is_a_terminating_not_found_error()
    {
        var host = new FakeHost();
        var command = new NewSyntheticCustomerDataCommand { Schema = "Nope", Count = 1, CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Process(host)));
        Assert.Equal((ErrorIds.SchemaNotFound, ErrorCategory.ObjectNotFound), (e.Spec.ErrorId, e.Spec.Category));
    }
}

public class GetBankSchemaTests
{
    [Fact]
    public void Lists_all_built_in_schemas()
    {
        var host = new FakeHost();
        new GetBankSchemaCommand().Process(host);
        Assert.Equal(BuiltInSchemas.Names, host.Output.Cast<BankSchema>().Select(s => s.Name));
    }

    [Fact]
    public void Wildcards_select_and_unknown_names_are_non_terminating_errors()
    {
        var host = new FakeHost();
        new GetBankSchemaCommand { Name = ["Corp*", "Missing"] }.Process(host);
        Assert.Equal(["CorporateChurn", "CorporateProspect"], host.Output.Cast<BankSchema>().Select(s => s.Name));
        var error = Assert.Single(host.Errors);
        Assert.Equal((ErrorIds.SchemaNotFound, ErrorCategory.ObjectNotFound, "Missing"), (error.ErrorId, error.Category, error.Target));
    }

    [Fact]
    public void As_json_gives_text_that_reads_back()
    {
        var host = new FakeHost();
        new GetBankSchemaCommand { Name = ["Retail"], AsJsonFlag = true }.Process(host);
        string json = Assert.IsType<string>(Assert.Single(host.Output));
        Assert.Equal(BuiltInSchemas.Get("Retail").Fingerprint, SchemaJson.Parse(json, "x").Fingerprint);
    }

    [Fact]
    public void Column_emits_the_matching_columns_and_names_a_missing_one()
    {
        var host = new FakeHost();
        new GetBankSchemaCommand { Name = ["Retail"], Column = ["存款*", "Missing"] }.Process(host);
        var columns = host.Output.Cast<BankInsight.Data.Schemas.SchemaColumn>().Select(c => c.Name).ToList();
        Assert.Equal(["存款余额", "存款月日均", "存款季日均"], columns);
        var error = Assert.Single(host.Errors);
        Assert.Equal((ErrorIds.ColumnNotFound, "Missing"), (error.ErrorId, error.Target));
    }

    [Fact]
    public void A_path_loads_and_checks_a_schema_file()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("bad.json"), """{"name":"B","columns":[]}""");
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var command = new GetBankSchemaCommand { Path = "bad.json", CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Process(host)));
        Assert.Equal(ErrorIds.SchemaInvalid, e.Spec.ErrorId);
        Assert.Contains("has no columns", e.Spec.Message);
    }
}

public class ExportBankResultTests
{
    private static Func<string, (bool, object?)> Props(Dictionary<string, object?> values) => n => (values.ContainsKey(n), values.GetValueOrDefault(n));

    private sealed class Prediction(string id) : IBankResultRecord
    {
        public IReadOnlyList<ResultField> ToResultFields() => [ResultField.FromText(id)];
    }

    [Fact]
    public void Writes_result_records_and_replaces_the_file_at_the_end()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("out.txt"), "old\n");
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var command = new ExportBankResultCommand { Path = "out.txt", PassThruFlag = true };
        command.Begin(host);
        command.Add(host, new Prediction("c1"), _ => (false, null));
        command.Add(host, new Prediction("c2"), _ => (false, null));
        Assert.Equal("old\n", File.ReadAllText(temp.File("out.txt"))); // nothing visible until the end
        command.End(host);
        Assert.Equal("\"c1\"\n\"c2\"\n", File.ReadAllText(temp.File("out.txt")));
        Assert.Equal(temp.File("out.txt"), Assert.IsType<FileInfo>(Assert.Single(host.Output)).FullName);
        Assert.Equal(("Write bank result file", temp.File("out.txt")), (host.ShouldProcessCalls[0].Action, host.ShouldProcessCalls[0].Target));
    }

    [Fact]
    public void Property_chooses_the_fields_in_order()
    {
        using var temp = new TempFolder();
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var command = new ExportBankResultCommand { Path = "out.txt", Property = ["ProductCode", "CustomerId"] };
        command.Begin(host);
        command.Add(host, new object(), Props(new() { ["CustomerId"] = "c9", ["ProductCode"] = "01" }));
        command.End(host);
        Assert.Equal("\"01\",\"c9\"\n", File.ReadAllText(temp.File("out.txt")));
    }

    [Fact]
    public void WhatIf_consumes_input_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var host = new FakeHost { CurrentDirectory = temp.Path, ShouldProcessAnswer = false };
        var command = new ExportBankResultCommand { Path = "out.txt" };
        command.Begin(host);
        command.Add(host, new Prediction("c1"), _ => (false, null));
        command.End(host);
        Assert.False(File.Exists(temp.File("out.txt")));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_bad_object_is_reported_and_the_old_file_kept()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("out.txt"), "old\n");
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var command = new ExportBankResultCommand { Path = "out.txt", Property = ["CustomerId"] };
        command.Begin(host);
        command.Add(host, new object(), Props(new() { ["CustomerId"] = "c1" }));
        command.Add(host, new object(), Props(new() { ["Other"] = 1 }));
        var error = Assert.Single(host.Errors);
        Assert.Equal((ErrorIds.ResultValueInvalid, ErrorCategory.InvalidData), (error.ErrorId, error.Category));
        var e = Assert.Throws<TerminatingErrorException>(() => command.End(host));
        Assert.Contains("1 object(s) could not be written", e.Spec.Message);
        command.Dispose(); // what PowerShell does when the pipeline ends, however it ends
        Assert.Equal("old\n", File.ReadAllText(temp.File("out.txt")));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_pipeline_that_fails_upstream_leaves_the_old_file_and_no_temporary()
    {
        // Another command's terminating error: this one never reaches End, only Dispose.
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("out.txt"), "old\n");
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var command = new ExportBankResultCommand { Path = "out.txt", Property = ["CustomerId"] };
        command.Begin(host);
        command.Add(host, new object(), Props(new() { ["CustomerId"] = "c1" }));
        Assert.Equal(2, Directory.GetFiles(temp.Path, "*", SearchOption.TopDirectoryOnly).Length); // the temporary file beside it
        command.Dispose();
        Assert.Equal("old\n", File.ReadAllText(temp.File("out.txt")));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void NoClobber_refuses_before_anything_is_written_and_Encoding_is_honoured()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("out.txt"), "old\n");
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var refused = new ExportBankResultCommand { Path = "out.txt", NoClobberFlag = true, CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => refused.Guarded(() => refused.Begin(host)));
        Assert.Equal((ErrorIds.OutputExists, ErrorCategory.ResourceExists), (e.Spec.ErrorId, e.Spec.Category));
        Assert.Empty(host.ShouldProcessCalls);

        var command = new ExportBankResultCommand { Path = "gb.txt", Property = ["CustomerId"], Encoding = TextEncodings.Gb18030 };
        command.Begin(host);
        command.Add(host, new object(), Props(new() { ["CustomerId"] = "甲" }));
        command.End(host);
        Assert.Equal(new byte[] { (byte)'"', 0xBC, 0xD7, (byte)'"', (byte)'\n' }, File.ReadAllBytes(temp.File("gb.txt")));
    }
    [Fact]
    public void Results_are_not_written_over_the_data_file_they_came_from()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("month.del"), "data\n");
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var command = new ExportBankResultCommand { Path = "month.del", Property = ["CustomerId"] };
        command.Begin(host);
        command.Add(host, new object(), Props(new() { ["CustomerId"] = "c1", ["File"] = temp.File("other.del") })); // another file: fine
        var e = Assert.Throws<BankInsightException>(() =>
            command.Add(host, new object(), Props(new() { ["CustomerId"] = "c2", ["File"] = Path.Combine(temp.Path, ".", "month.del") })));
        Assert.Equal(ErrorIds.ParameterInvalid, e.ErrorId);
        Assert.StartsWith("The data file these results came from and -Path name the same file", e.Message);
        command.Dispose();
        Assert.Equal("data\n", File.ReadAllText(temp.File("month.del")));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Export_spreadsheet_safe_protects_the_lines_it_writes()
    {
        using var temp = new TempFolder();
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var command = new ExportBankResultCommand { Path = "out.txt", SpreadsheetSafeFlag = true };
        command.Begin(host);
        command.Add(host, new Prediction("@SUM(A1)"), _ => (false, null));
        command.Add(host, new Prediction("c2"), _ => (false, null));
        command.End(host);
        Assert.Equal("\"'@SUM(A1)\"\n\"c2\"\n", File.ReadAllText(temp.File("out.txt")));
    }
}

public class ProtectSpreadsheetTextTests
{
    [Fact]
    public void Protect_spreadsheet_text_changes_formula_like_text_only_and_keeps_names_order_and_type()
    {
        var host = new FakeHost();
        ProtectSpreadsheetTextCommand.Process(host, new Dictionary<string, object?>
        {
            ["CustomerId"] = "110000000001", ["Name"] = "=HYPERLINK(\"http://x\")", ["Note"] = "-5%", ["Balance"] = -1200.5, ["Opened"] = null,
        });
        ProtectSpreadsheetTextCommand.Process(host, null);
        var record = Assert.IsType<Dictionary<string, object?>>(Assert.Single(host.Output));
        Assert.Equal(["CustomerId", "Name", "Note", "Balance", "Opened"], record.Keys);
        Assert.Equal("110000000001", record["CustomerId"]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", record["Name"]);
        Assert.Equal("'-5%", record["Note"]);
        Assert.Equal(-1200.5, record["Balance"]);
        Assert.Null(record["Opened"]);
        Assert.Equal(typeof(Dictionary<string, object?>).FullName, Assert.Single(host.RecordTypeNames));
    }
}
