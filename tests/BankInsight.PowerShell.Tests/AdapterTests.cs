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
            Schema = "retail", Encoding = "gbk", Delimiter = ';', Header = HeaderMode.Present,
            DuplicateId = DuplicateIdPolicy.Keep, RejectPath = "rejects.del",
        };
        var options = command.BuildOptions(host, "in.csv");
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
    public void Unusable_input_is_a_terminating_error_with_a_stable_id()
    {
        var host = new FakeHost();
        var command = new ImportCustomerDataCommand { Path = [Sample("potential_customer.del")], Schema = "Retail", CommandHost = host };
        var e = Assert.Throws<TerminatingErrorException>(() => command.Guarded(() => command.Process(host)));
        Assert.Equal(ErrorIds.FileLayoutInvalid, e.Spec.ErrorId);
        Assert.Equal(ErrorCategory.InvalidData, e.Spec.Category);
        Assert.Equal(Sample("potential_customer.del"), e.Spec.Target);
        Assert.IsType<BankInsightException>(e.Spec.Exception);
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
        var request = new NewSyntheticCustomerDataCommand { Schema = "CorporateChurn", Count = 10, Seed = 3, Encoding = "gb18030", AsOf = new DateTime(2025, 6, 30) }.BuildRequest();
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
    public void An_existing_file_needs_force()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("r.del"), "keep me");
        var host = new FakeHost { CurrentDirectory = temp.Path };
        var e = Assert.Throws<TerminatingErrorException>(() => new NewSyntheticCustomerDataCommand { Schema = "Retail", Count = 10, Path = "r.del" }.Process(host));
        Assert.Equal(ErrorCategory.ResourceExists, e.Spec.Category);
        Assert.Equal("keep me", File.ReadAllText(temp.File("r.del")));
        new NewSyntheticCustomerDataCommand { Schema = "Retail", Count = 10, Path = "r.del", ForceFlag = true }.Process(host);
        Assert.Equal(10, File.ReadAllLines(temp.File("r.del")).Length);
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
        Assert.Equal("old\n", File.ReadAllText(temp.File("out.txt")));
        Assert.Single(Directory.GetFiles(temp.Path));
    }
}
