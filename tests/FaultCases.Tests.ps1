#Requires -Version 7.4
# Issue 10, "Nothing lost, nothing wrongly accepted", proven from PowerShell: every fault of the issue
# against the module (cmdlets piping into Export-BankResult, Import-CustomerData -RejectPath,
# New-*Model -OutFile) and against the runner started from pwsh as a scheduler starts it. Each case
# asserts the outcome (error id or exit code), the message (what, and which file), and that last
# month's files are byte for byte as they were with no temporary file beside them. The runner-side
# xunit tests of the same faults are tests/BankInsight.Core.Tests/Cli/ResultSafetyTests.cs,
# ModelFileCliTests.cs, NumberOptionTests.cs, Reading/StrayQuoteTests.cs, ControlCharacterTests.cs,
# EncodingTests.cs and Features/DataMonthTests.cs.

BeforeDiscovery {
    # Item 1: every job that replaces a result file, in the module and in the runner.
    $jobs = @(
        @{ Job = 'Invoke-ChurnPrediction'; Data = 'churn'; Runner = 'churn predict'; InputOption = '--input_data_path' }
        @{ Job = 'Find-Prospect'; Data = 'prospects'; Runner = 'prospect predict'; InputOption = '--input_data_path1' }
        @{ Job = 'Get-CrossSellRecommendation'; Data = 'retail'; Runner = 'cross-sell'; InputOption = '--input_data_path' }
        @{ Job = 'Find-ProductOpportunity'; Data = 'retail'; Runner = 'product-mining'; InputOption = '--input_data_path' }
        @{ Job = 'Get-CustomerCluster'; Data = 'retail'; Runner = 'cluster assign'; InputOption = '--input_data_path' }
    )
    $unusable = @(
        @{ Kind = 'empty'; ErrorId = 'NoRows'; Says = 'has no data rows: nothing was produced' }
        @{ Kind = 'blank'; ErrorId = 'NoRows'; Says = 'has no data rows \(3 blank lines\): nothing was produced' }
        @{ Kind = 'rejected'; ErrorId = 'NoRows'; Says = 'could be used: all 20 were rejected; nothing was produced' }
        @{ Kind = 'mostly'; ErrorId = 'TooManyRowsRejected'; Says = '12 of 20 rows of .* were rejected \(60%\), more than the 50% a job accepts' }
    )
    $refusals = foreach ($job in $jobs) { foreach ($case in $unusable) { $job + $case } }

    # Item 6: damaged or crafted churn models, and what the refusal says.
    $damagedModels = @(
        @{ Name = 'tree-count'; Says = '[gbdt] tree_count=2147483647 is not valid' }
        @{ Name = 'nan-threshold'; Says = '[settings] decision_threshold=NaN is not valid' }
        @{ Name = 'edited'; Says = 'its checksum does not match its content' }
        @{ Name = 'truncated'; Says = 'its checksum line is missing (the file is truncated)' }
        @{ Name = 'not-a-model'; Says = "it does not start with 'bankinsight-model <version>'" }
    )

    # Item 7: runner number options, each given a value a number parser accepts but no job can use.
    $numberOptions = @(
        @{ Command = @('churn', 'predict', '--input_data_path', '<churn>', '--output_data_path', '<out>'); Option = '--probability_threshold'; Value = 'NaN' }
        @{ Command = @('churn', 'predict', '--input_data_path', '<churn>', '--output_data_path', '<out>'); Option = '--max_rejected_share'; Value = 'Infinity' }
        @{ Command = @('churn', 'train', '--input_data_path', '<churn>', '--model', '<model>'); Option = '--threshold'; Value = '-Infinity' }
        @{ Command = @('prospect', 'predict', '--input_data_path1', '<prospects>', '--output_data_path', '<out>'); Option = '--probability_threshold'; Value = 'Infinity' }
        @{ Command = @('product-mining', '--input_data_path', '<retail>', '--output_data_path', '<out>'); Option = '--min_score'; Value = 'NaN' }
        @{ Command = @('cross-sell', '--input_data_path', '<retail>', '--output_data_path', '<out>'); Option = '--min_confidence'; Value = '-Infinity' }
        @{ Command = @('rules', '--input_data_path', '<retail>'); Option = '--min_lift'; Value = 'NaN' }
    )

    # Item 12: text that would break what is built on it, in column 12 (经营地址) of line 5.
    $controlCharacters = @(
        @{ Name = 'NUL'; Character = [string][char]0; Described = 'U+0000 (NUL)'; Shown = 'X\u0000Y' }
        @{ Name = 'escape'; Character = [string][char]0x1B; Described = 'U+001B (escape)'; Shown = 'X\u001BY' }
        @{ Name = 'line feed in a quoted field'; Character = "`n"; Described = 'U+000A (line feed)'; Shown = 'X\u000AY' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1') -Force
    $cli = Join-Path $PSScriptRoot '..' 'out' 'cli' 'bankinsight.dll'
    $shippedModels = Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'models'
    $WarningPreference = 'SilentlyContinue'
    $ProgressPreference = 'SilentlyContinue'
    $utf8 = [System.Text.UTF8Encoding]::new($false)
    $lastMonth = "`"last month`"`n"

    # The runner as a scheduler starts it: its own process; exit code, stdout and stderr apart.
    function Invoke-Runner {
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        $start.ArgumentList.Add($cli)
        foreach ($argument in $args) { $start.ArgumentList.Add([string] $argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.StandardOutputEncoding = $utf8
        $start.StandardErrorEncoding = $utf8
        $process = [System.Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ Exit = $process.ExitCode; Out = $stdout; Err = $stderr.Result }
    }

    # A folder as it is: every entry (hidden ones too) with its bytes; folders and links by name.
    function Get-Snapshot([string] $Folder) {
        Get-ChildItem -LiteralPath $Folder -Force | Sort-Object Name | ForEach-Object {
            if ($_.LinkType) { "$($_.Name) -> $($_.Target)" }
            elseif ($_.PSIsContainer) { "$($_.Name)/" }
            else { "$($_.Name): $(Get-Bytes $_.FullName)" }
        }
    }

    # A file's bytes as one string, so that a comparison is quick and a difference shows.
    function Get-Bytes([string] $Path) { [Convert]::ToBase64String([System.IO.File]::ReadAllBytes($Path)) }

    # The names in a folder, hidden ones (temporary files start with a dot) included.
    function Get-Names([string] $Folder) { @(Get-ChildItem -LiteralPath $Folder -Force -Name | Sort-Object) }

    # A fresh folder holding last month's result, out.txt.
    function New-ResultFolder {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory $folder
        [System.IO.File]::WriteAllText((Join-Path $folder 'out.txt'), $lastMonth, $utf8)
        $folder
    }

    function Write-Lines([string] $Path, [string[]] $Lines) { [System.IO.File]::WriteAllText($Path, ($Lines -join "`n") + "`n", $utf8) }

    # A copy of a DEL file whose first $Count lines have field $Field (0-based) replaced by $Value.
    function Set-Field([string] $Source, [string] $Target, [int] $Count, [int] $Field, [string] $Value) {
        $lines = [System.IO.File]::ReadAllLines($Source)
        for ($i = 0; $i -lt $Count; $i++) { $fields = $lines[$i].Split(','); $fields[$Field] = $Value; $lines[$i] = $fields -join ',' }
        Write-Lines $Target $lines
    }

    # The stderr lines of the runner, without the trailing line end.
    function Get-ErrLines([string] $Text) { , @($Text.TrimEnd("`n").Split("`n")) }

    # A model file edited as anyone can: the body changed, then its SHA-256 line recomputed.
    function Edit-Model([string] $Text, [scriptblock] $Edit) {
        $body = & $Edit $Text.Substring(0, $Text.LastIndexOf('checksum=sha256:'))
        $hash = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($utf8.GetBytes($body))).ToLowerInvariant()
        "${body}checksum=sha256:$hash`n"
    }

    $in = Join-Path $TestDrive 'in'
    $null = New-Item -ItemType Directory $in
    $churn = Join-Path $in 'customer_losing.del'
    $prospects = Join-Path $in 'potential_customer.del'
    $relations = Join-Path $in 'potential_customer_relation.del'
    $retail = Join-Path $in 'retail_customer.del'
    $null = New-SyntheticCustomerData CorporateChurn 400 -Seed 5 -Path $churn
    $null = New-SyntheticCustomerData CorporateProspect 400 -Seed 5 -Path $prospects
    $null = New-SyntheticCustomerData ProspectRelation 400 -Seed 5 -Path $relations
    $null = New-SyntheticCustomerData Retail 400 -Seed 5 -Path $retail
}

Describe '1. A result is only replaced by a result: an empty, fully rejected or mostly rejected export produces nothing' -Tag 'CI' {
    BeforeAll {
        # For each kind of data: 0 bytes, only blank lines, every id empty, 12 of 20 ids empty.
        $files = @{}
        foreach ($data in @{ churn = 'CorporateChurn'; prospects = 'CorporateProspect'; retail = 'Retail' }.GetEnumerator()) {
            $good = Join-Path $in "$($data.Key)-20.del"
            $null = New-SyntheticCustomerData $data.Value 20 -Seed 5 -Path $good
            $files["$($data.Key)-empty"] = Join-Path $in "$($data.Key)-empty.del"
            [System.IO.File]::WriteAllBytes($files["$($data.Key)-empty"], [byte[]]@())
            $files["$($data.Key)-blank"] = Join-Path $in "$($data.Key)-blank.del"
            [System.IO.File]::WriteAllText($files["$($data.Key)-blank"], "`n`n`r`n")
            $files["$($data.Key)-rejected"] = Join-Path $in "$($data.Key)-rejected.del"
            Set-Field $good $files["$($data.Key)-rejected"] 20 0 '""'
            $files["$($data.Key)-mostly"] = Join-Path $in "$($data.Key)-mostly.del"
            Set-Field $good $files["$($data.Key)-mostly"] 12 0 '""'
        }
    }

    BeforeEach {
        $folder = New-ResultFolder
        $out = Join-Path $folder 'out.txt'
        $before = Get-Snapshot $folder
    }

    It '<Job> | Export-BankResult refuses a <Kind> file with BankInsight.<ErrorId> and keeps last month''s result' -ForEach $refusals {
        $file = $files["$Data-$Kind"]
        $more = if ($Data -eq 'prospects') { @{ RelationPath = $relations } } else { @{} }
        $failure = { & $Job $file @more -ErrorAction SilentlyContinue | Export-BankResult $out } | Should -Throw -PassThru
        $failure.Exception | Should -BeOfType [System.IO.InvalidDataException]
        $failure.FullyQualifiedErrorId | Should -BeLike "BankInsight.$ErrorId,*"
        $failure.CategoryInfo.Category | Should -Be 'InvalidData'
        $failure.Exception.Message | Should -Match $Says
        $failure.Exception.Message | Should -Match ([regex]::Escape($file))
        $failure.Exception.Message | Should -Match 'earlier results stay as they were'
        $failure.TargetObject | Should -Be $file
        Get-Snapshot $folder | Should -Be $before
    }

    It 'runner <Runner> refuses a <Kind> file with exit 2 and keeps last month''s result and rejects' -ForEach $refusals {
        $file = $files["$Data-$Kind"]
        $rejects = Join-Path $folder 'rejects.del'
        [System.IO.File]::WriteAllText($rejects, "last month's rejects`n")
        $before = Get-Snapshot $folder
        $more = @(if ($Data -eq 'prospects') { '--input_data_path2', $relations })
        $command = $Runner.Split(' ')
        $run = Invoke-Runner @command $InputOption $file --output_data_path $out --reject_path $rejects @more
        $run.Exit | Should -Be 2
        $last = (Get-ErrLines $run.Err)[-1]
        $last | Should -Match "^bankinsight: error: .*$Says"
        $last | Should -Match ([regex]::Escape($file))
        $last | Should -Match 'earlier results stay as they were'
        Get-Snapshot $folder | Should -Be $before
    }

    It 'Import-CustomerData -RejectPath keeps every rejected line while the job downstream refuses, and last month''s result stays' {
        $rejects = Join-Path $folder 'rejects.del'
        $failure = $null
        try {
            Import-CustomerData $files['churn-rejected'] -Schema CorporateChurn -RejectPath $rejects -ErrorAction SilentlyContinue -ErrorVariable rejected |
                Invoke-ChurnPrediction | Export-BankResult $out
        }
        catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.NoRows,*'
        $failure.Exception.Message | Should -Match 'all 20 were rejected'
        @($rejected | Where-Object FullyQualifiedErrorId -Like 'BankInsight.RowRejected,*').Count | Should -Be 20
        # Nothing lost: the 20 rejected lines, verbatim; nothing wrongly accepted: last month's list.
        Get-Bytes $rejects | Should -Be (Get-Bytes $files['churn-rejected'])
        [System.IO.File]::ReadAllText($out) | Should -Be $lastMonth
        Get-Names $folder | Should -Be 'out.txt', 'rejects.del'
    }

    It 'refuses the two prospect files given in swapped order, in the module and in the runner' {
        $failure = { Find-Prospect $relations $prospects -ErrorAction SilentlyContinue | Export-BankResult $out } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.NoRows,*'
        $either = "(?:$([regex]::Escape($prospects))|$([regex]::Escape($relations)))"
        $failure.Exception.Message | Should -Match "No row of $either could be used: all [\d,]+ were rejected"
        Get-Snapshot $folder | Should -Be $before

        $run = Invoke-Runner prospect predict --input_data_path1 $relations --input_data_path2 $prospects --output_data_path $out
        $run.Exit | Should -Be 2
        (Get-ErrLines $run.Err)[-1] | Should -Match "^bankinsight: error: No row of $either could be used: all [\d,]+ were rejected"
        Get-Snapshot $folder | Should -Be $before
    }

    It 'lets a mostly rejected file through when the share is raised (-MaxRejectedShare 1, --max_rejected_share 1)' {
        $mostly = $files['churn-mostly']
        $flagged = Invoke-ChurnPrediction $mostly -MaxRejectedShare 1 -ErrorAction SilentlyContinue -ErrorVariable rejected
        @($rejected | Where-Object FullyQualifiedErrorId -Like 'BankInsight.RowRejected,*').Count | Should -Be 12
        (Invoke-ChurnPrediction $mostly -MaxRejectedShare 1 -IncludeAll -ErrorAction SilentlyContinue).Count | Should -Be 8
        @($flagged).Count | Should -BeGreaterThan 0
        $flagged | Export-BankResult $out
        Get-Content $out | Should -Be ($flagged | ForEach-Object { "`"$($_.CustomerId)`"" })

        [System.IO.File]::WriteAllText($out, $lastMonth, $utf8)
        $run = Invoke-Runner churn predict --input_data_path $mostly --output_data_path $out --max_rejected_share 1
        $run.Exit | Should -Be 3
        $run.Out | Should -Match 'scored 8 customers'
        $run.Err | Should -Match '12 of 20 rows of .* were rejected'
        Get-Content $out | Should -Be ($flagged | ForEach-Object { "`"$($_.CustomerId)`"" })
        Get-Names $folder | Should -Be 'out.txt'
    }
    It 'an empty result does not replace a list that holds lines (ResultEmpty, runner exit 2), unless allowed' {
        $run = Invoke-Runner churn predict --input_data_path $churn --output_data_path $out --probability_threshold 0.9999
        $run.Exit | Should -Be 2
        (Get-ErrLines $run.Err)[-1] | Should -BeExactly "bankinsight: error: The new '$out' would be empty, and the one it would replace has 1 line(s): that one stays. Check the input and the thresholds; if an empty result is right, allow it (--allow_empty, -AllowEmpty)."
        Get-Snapshot $folder | Should -Be $before

        $failure = { Invoke-ChurnPrediction $churn -Drivers 0 | Where-Object Probability -gt 2 | Export-BankResult $out } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.ResultEmpty,BankInsight.PowerShell.Commands.ExportBankResultCommand'
        Get-Snapshot $folder | Should -Be $before

        @() | Export-BankResult $out -AllowEmpty
        (Get-Item $out).Length | Should -Be 0
        [System.IO.File]::WriteAllText($out, $lastMonth, $utf8)
        $run = Invoke-Runner churn predict --input_data_path $churn --output_data_path $out --probability_threshold 0.9999 --allow_empty
        $run.Exit | Should -Be 0
        (Get-Item $out).Length | Should -Be 0
        Get-Names $folder | Should -Be 'out.txt'
    }
}

Describe '2. One stray Latin-1 byte in a UTF-8 file costs its own row only, and the file is still read as UTF-8' -Tag 'CI' {
    BeforeAll {
        # 300 prospects in UTF-8; line 42's business address gets 'Caf' and a Latin-1 é (0xE9).
        $latin = Join-Path $in 'latin.del'
        $lines = [System.IO.File]::ReadAllLines($prospects)[0..299]
        $bytes = [System.Collections.Generic.List[byte]]::new()
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($i -eq 41) {
                $at = $line.LastIndexOf(',"') + 2
                $badLine = [byte[]]@($utf8.GetBytes($line.Substring(0, $at) + 'Caf') + [byte]0xE9 + $utf8.GetBytes($line.Substring($at) + "`n"))
                $bytes.AddRange($badLine)
            }
            else { $bytes.AddRange($utf8.GetBytes("$line`n")) }
        }
        [System.IO.File]::WriteAllBytes($latin, $bytes.ToArray())
        $reason = 'UTF-8: 1 of the 300 lines of the file with non-ASCII text is not valid UTF-8, the rest are'
    }

    It 'Import-CustomerData rejects line 42 as invalid text, keeps 299 rows ungarbled, and says which encoding and why' {
        $folder = New-ResultFolder
        $rejects = Join-Path $folder 'rejects.del'
        $said = Import-CustomerData $latin -Schema CorporateProspect -RejectPath $rejects -Verbose -ErrorVariable rejected -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue 4>&1
        $data = $said | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = @($said | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $data.RowCount | Should -Be 299
        $data.Summary.EncodingName | Should -Be 'utf-8'
        $data.Summary.EncodingDetected | Should -BeTrue
        $data.Summary.EncodingReason | Should -BeExactly $reason
        $data.Summary.RowsRejected | Should -Be 1
        $data.Summary.RejectedByReason['InvalidText'] | Should -Be 1
        $verbose | Should -Contain "Reading $latin as CorporateProspect (12 columns), encoding utf-8 ($reason)."
        @($warned | ForEach-Object Message) -match "^latin\.del: $reason; that row is rejected" | Should -HaveCount 1

        $rejected | Should -HaveCount 1
        $rejected[0].FullyQualifiedErrorId | Should -Be 'BankInsight.RowRejected,BankInsight.PowerShell.Commands.ImportCustomerDataCommand'
        $rejected[0].TargetObject.Reason | Should -Be 'InvalidText'
        $rejected[0].TargetObject.Line | Should -Be 42
        $rejected[0].TargetObject.Column | Should -Be '经营地址'
        $rejected[0].Exception.Message | Should -BeLike 'latin.del, line 42, column 12 (经营地址): *expected text in utf-8.'
        # The line is kept as it was, its Latin-1 byte included; no other row is garbled.
        Get-Bytes $rejects | Should -Be ([Convert]::ToBase64String($badLine))
        $records = Import-CustomerData $latin -Schema CorporateProspect -AsRecord -ErrorAction SilentlyContinue
        @($records).Count | Should -Be 299
        @($records | Where-Object { "$($_.注册地址)$($_.经营地址)".Contains([char]0xFFFD) }) | Should -BeNullOrEmpty
        $records[41].客户编号 | Should -Be ($lines[42].Split(',')[0].Trim('"'))
    }

    It 'the runner scores 299 companies, exit 3, and its verbose output says the encoding and why' {
        $folder = New-ResultFolder
        $out = Join-Path $folder 'out.txt'
        $rejects = Join-Path $folder 'rejects.del'
        $run = Invoke-Runner prospect predict --input_data_path1 $latin --input_data_path2 $relations --output_data_path $out --region '' --reject_path $rejects --verbose
        $run.Exit | Should -Be 3
        $run.Out | Should -Match 'scored 299 companies'
        $run.Err | Should -Match 'error: latin\.del, line 42, column 12 \(经营地址\): .* expected text in utf-8\.'
        $run.Err | Should -Match "encoding utf-8 \($([regex]::Escape($reason))\)"
        $run.Err | Should -Match 'latin\.del: UTF-8: 1 of the 300 lines .* that row is rejected'
        Get-Bytes $rejects | Should -Be ([Convert]::ToBase64String($badLine))
    }
}

Describe '3. Two paths naming the same file are refused before anything is touched: nothing trained or written, every file byte for byte' -Tag 'CI' {
    BeforeEach {
        $folder = New-ResultFolder
        $out = Join-Path $folder 'out.txt'
        $x = Join-Path $folder 'x.del'
        Copy-Item $churn $x
        $null = New-Item -ItemType Directory (Join-Path $folder 'sub')
        $inputBytes = Get-Bytes $x
        # The same file under another name: through '..'.
        $dotDot = Join-Path $folder 'sub' '..' 'x.del'
    }

    It 'Import-CustomerData x.del -RejectPath x.del (also as sub/../x.del) is refused and x.del stays as it was' {
        foreach ($alias in $x, $dotDot) {
            $before = Get-Snapshot $folder
            $said = [System.Collections.Generic.List[object]]::new()
            $failure = { Import-CustomerData $x -Schema CorporateChurn -RejectPath $alias -Verbose 4>&1 | ForEach-Object { $said.Add($_) } } | Should -Throw -PassThru
            $said | Should -BeNullOrEmpty -Because 'the file is not even read'
            $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.ParameterInvalid,BankInsight.PowerShell.Commands.ImportCustomerDataCommand'
            $failure.Exception.Message | Should -BeLike "-Path and -RejectPath name the same file ('$x'); a command never writes over a file it reads*"
            Get-Bytes $x | Should -Be $inputBytes
            Get-Snapshot $folder | Should -Be $before
        }
    }

    It 'Invoke-ChurnPrediction x.del | Export-BankResult x.del (also as sub/../x.del) is refused and x.del stays as it was' {
        foreach ($alias in $x, $dotDot) {
            $before = Get-Snapshot $folder
            $failure = { Invoke-ChurnPrediction $x -Drivers 0 | Export-BankResult $alias } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.ParameterInvalid,BankInsight.PowerShell.Commands.ExportBankResultCommand'
            $failure.Exception.Message | Should -BeLike "The data file these results came from and -Path name the same file ('*x.del'); a command never writes over a file it reads*"
            Get-Bytes $x | Should -Be $inputBytes
            Get-Snapshot $folder | Should -Be $before
        }
    }

    It '<Command> with -OutFile naming its <Data> file is refused before any training, and the file stays' -ForEach @(
        @{ Command = 'New-ChurnModel'; Data = 'churn'; Says = 'the data file and -OutFile name the same file' }
        @{ Command = 'New-CustomerClusterModel'; Data = 'retail'; Says = 'the data file and -OutFile name the same file' }
        @{ Command = 'New-ProspectModel'; Data = 'relations'; Says = 'name the same file' }
    ) {
        $file = Join-Path $folder "$Data.del"
        Copy-Item (Get-Variable $Data -ValueOnly) $file
        $bytes = Get-Bytes $file
        $before = Get-Snapshot $folder
        $alias = Join-Path $folder 'sub' '..' "$Data.del"
        $run = switch ($Command) {
            'New-ProspectModel' { { New-ProspectModel $prospects -RelationPath $file -OutFile $alias -Verbose 4>&1 } }
            default { { & $Command $file -OutFile $alias -Verbose 4>&1 } }
        }
        $said = [System.Collections.Generic.List[object]]::new()
        $failure = { & $run | ForEach-Object { $said.Add($_) } } | Should -Throw -PassThru -Because "a model written over the $Data file it was trained from loses that file"
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.ParameterInvalid,*'
        $failure.Exception.Message | Should -Match ([regex]::Escape($Says))
        $failure.Exception.Message | Should -Match ([regex]::Escape("('$file')"))
        # A data file named by path is refused before it is read; the relation file is read first
        # (as -Relation's data set would be), but nothing is trained or written.
        $verbose = @($said | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $verbose | Should -Not -BeNullOrEmpty
        $verbose | Where-Object { $_ -notmatch '^(Performing the operation "Write |Reading .* as \w+ \(|\S+: [\d,]+ rows read)' } | Should -BeNullOrEmpty -Because 'nothing is trained first'
        if ($Data -ne 'relations') { $verbose -match '^Reading ' | Should -BeNullOrEmpty -Because 'the paths are checked before the data is read' }
        Get-Bytes $file | Should -Be $bytes
        Get-Snapshot $folder | Should -Be $before
    }

    It 'runner: <Option> naming the same file as <SameAs> (through sub/..) exits 2 and changes nothing' -ForEach @(
        @{ Option = '--output_data_path'; SameAs = '--input_data_path' }
        @{ Option = '--scores_path'; SameAs = '--output_data_path' }
        @{ Option = '--reject_path'; SameAs = '--input_data_path' }
        @{ Option = '--reject_path'; SameAs = '--output_data_path' }
    ) {
        $paths = @{ '--input_data_path' = $x; '--output_data_path' = $out }
        $alias = Join-Path $folder 'sub' '..' (Split-Path $paths[$SameAs] -Leaf)
        $arguments = [System.Collections.Generic.List[string]]@('churn', 'predict', '--input_data_path', $x, '--output_data_path', $out)
        if ($Option -eq '--output_data_path') { $arguments[5] = $alias } else { $arguments.AddRange([string[]]@($Option, $alias)) }
        $before = Get-Snapshot $folder
        $run = Invoke-Runner @arguments
        $run.Exit | Should -Be 2
        $run.Err.TrimEnd("`n") | Should -BeExactly "bankinsight: error: $SameAs and $Option name the same file ('$alias'); a command never writes over a file it reads or writes another result to. Give each its own file."
        Get-Bytes $x | Should -Be $inputBytes
        Get-Snapshot $folder | Should -Be $before
    }

    It 'runner: churn train --model naming its input exits 2 and the input stays' {
        $before = Get-Snapshot $folder
        $run = Invoke-Runner churn train --input_data_path $x --model $dotDot
        $run.Exit | Should -Be 2
        $run.Err | Should -Match ([regex]::Escape("--input_data_path and --model name the same file ('$dotDot')"))
        Get-Bytes $x | Should -Be $inputBytes
        Get-Snapshot $folder | Should -Be $before
    }

    if (-not $IsWindows) {
        Context 'through symbolic links (Unix)' {
            BeforeEach {
                $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder 'link') -Target $folder
                $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder 'x-link.del') -Target $x
                $before = Get-Snapshot $folder
            }

            It 'Import-CustomerData and New-ChurnModel refuse a link to their data file' {
                foreach ($alias in (Join-Path $folder 'x-link.del'), (Join-Path $folder 'link' 'x.del')) {
                    { Import-CustomerData $x -Schema CorporateChurn -RejectPath $alias } | Should -Throw -ErrorId 'BankInsight.ParameterInvalid,*'
                    $failure = { New-ChurnModel $x -OutFile $alias } | Should -Throw -PassThru
                    $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.ParameterInvalid,*'
                    $failure.Exception.Message | Should -Match ([regex]::Escape("-OutFile name the same file ('$alias')"))
                }
                Get-Bytes $x | Should -Be $inputBytes
                Get-Snapshot $folder | Should -Be $before
            }

            It 'the runner refuses --reject_path, --output_data_path and --model linked to the input, and --scores_path linked to the output' {
                $cases = @(
                    @{ Arguments = @('churn', 'predict', '--input_data_path', $x, '--output_data_path', $out, '--reject_path', (Join-Path $folder 'x-link.del')); Says = '--input_data_path and --reject_path' }
                    @{ Arguments = @('churn', 'predict', '--input_data_path', $x, '--output_data_path', (Join-Path $folder 'link' 'x.del')); Says = '--input_data_path and --output_data_path' }
                    @{ Arguments = @('churn', 'predict', '--input_data_path', $x, '--output_data_path', $out, '--scores_path', (Join-Path $folder 'link' 'out.txt')); Says = '--output_data_path and --scores_path' }
                    @{ Arguments = @('churn', 'train', '--input_data_path', $x, '--model', (Join-Path $folder 'link' 'sub' '..' 'x.del')); Says = '--input_data_path and --model' }
                )
                foreach ($case in $cases) {
                    $arguments = $case.Arguments
                    $run = Invoke-Runner @arguments
                    $run.Exit | Should -Be 2 -Because ($case.Arguments -join ' ')
                    $run.Err | Should -Match ([regex]::Escape("$($case.Says) name the same file ('$($case.Arguments[-1])')"))
                }
                Get-Bytes $x | Should -Be $inputBytes
                Get-Snapshot $folder | Should -Be $before
            }
        }
    }
    It 'a result is never written over a model file, the runner''s default model included' {
        $model = Join-Path $folder 'customer_losing'
        Copy-Item (Join-Path $PSScriptRoot '..' 'out' 'cli' 'models' 'customer_losing') $model
        $before = Get-Snapshot $folder
        $run = Invoke-Runner churn predict --input_data_path $x --output_data_path $model
        $run.Exit | Should -Be 2
        $run.Err.TrimEnd("`n") | Should -BeExactly "bankinsight: error: --output_data_path '$model' is a BankInsight model; a result never replaces a model. Name another file."
        $failure = { Invoke-ChurnPrediction $x -Drivers 0 | Export-BankResult $model } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.ParameterInvalid,*'
        $failure.Exception.Message | Should -BeLike "-Path '$model' is a BankInsight model; a result never replaces a model.*"
        Get-Snapshot $folder | Should -Be $before
    }
}

Describe '4. A sentinel date (99991231, 19000101) does not set the data month nor change the warning list' -Tag 'CI' {
    BeforeAll {
        $clean = Join-Path $in 'month-clean.del'
        $null = New-SyntheticCustomerData CorporateChurn 2000 -Seed 11 -AsOf 2026-10-31 -Path $clean
        $sentinelId = [System.IO.File]::ReadAllLines($clean)[137].Split(',')[0].Trim('"')
        # Scores every customer but the one whose date was edited (its own features did change).
        function Get-Scores([string] $File) {
            $said = Invoke-ChurnPrediction $File -IncludeAll -Drivers 0 -Verbose 4>&1
            [pscustomobject]@{
                Verbose = @($said | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
                Others = $said | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_.CustomerId -ne $sentinelId }
            }
        }
        $cleanScores = Get-Scores $clean
    }

    It 'the clean file is measured to 2026-10-31' {
        ($cleanScores.Verbose | Where-Object { $_ -like 'Churn: dates of *' }) | Should -Match "^Churn: dates of $([regex]::Escape($clean)) measured to 2026-10-31: the month \d+ of \d+ date columns end in \(a data month given sets it instead\)\.$"
        @($cleanScores.Others).Count | Should -Be 1999
    }

    It 'one <_> in a signing-date column is ignored, verbose says so, and every other customer scores as without it' -ForEach '99991231', '19000101' {
        $dirty = Join-Path $in "month-$_.del"
        $lines = [System.IO.File]::ReadAllLines($clean)
        $fields = $lines[137].Split(','); $fields[22] = $_; $lines[137] = $fields -join ','
        Write-Lines $dirty $lines

        $scores = Get-Scores $dirty
        ($scores.Verbose | Where-Object { $_ -like 'Churn: dates of *' }) | Should -Match "^Churn: dates of $([regex]::Escape($dirty)) measured to 2026-10-31: the month \d+ of \d+ date columns end in \(1 sentinel date such as $($_.Substring(0,4))-$($_.Substring(4,2))-$($_.Substring(6,2)) ignored\)"
        $scored = { param($customers) ($customers | ForEach-Object { "$($_.CustomerId)=$($_.Probability)" }) -join "`n" }
        & $scored $scores.Others | Should -BeExactly (& $scored $cleanScores.Others)
        (($scores.Others | Where-Object IsChurn).CustomerId -join ',') | Should -BeExactly ((($cleanScores.Others | Where-Object IsChurn).CustomerId) -join ',')

        # The runner: the same month, said on --verbose, and the same warning list.
        $folder = New-ResultFolder
        $run = Invoke-Runner churn predict --input_data_path $dirty --output_data_path (Join-Path $folder 'dirty.txt') --verbose
        $run.Exit | Should -Be 0
        $run.Err | Should -Match "verbose: Churn: dates of $([regex]::Escape($dirty)) measured to 2026-10-31: the month \d+ of \d+ date columns end in \(1 sentinel date such as $($_.Substring(0,4))-$($_.Substring(4,2))-$($_.Substring(6,2)) ignored\)"
        $run = Invoke-Runner churn predict --input_data_path $clean --output_data_path (Join-Path $folder 'clean.txt')
        $run.Exit | Should -Be 0
        $withoutSentinel = { param($path) Get-Content $path | Where-Object { $_ -ne "`"$sentinelId`"" } }
        & $withoutSentinel (Join-Path $folder 'dirty.txt') | Should -Be (& $withoutSentinel (Join-Path $folder 'clean.txt'))
        @(Get-Content (Join-Path $folder 'clean.txt')).Count | Should -BeGreaterThan 100
    }
    It 'dates after the month the job runs in (2099-12-31 for "no end") do not set the month; a warning says so' {
        $dirty = Join-Path $in 'month-2099.del'
        $lines = [System.IO.File]::ReadAllLines($clean)
        $dateFields = (Get-BankSchema CorporateChurn).Columns | Where-Object Type -eq 'Date' | ForEach-Object { $_.Number - 1 }
        foreach ($row in 137, 1401) { $fields = $lines[$row].Split(','); foreach ($f in $dateFields) { $fields[$f] = '20991231' }; $lines[$row] = $fields -join ',' }
        $future = 2 * @($dateFields).Count
        Write-Lines $dirty $lines
        $said = Invoke-ChurnPrediction $dirty -Drivers 0 -Verbose -WarningVariable warned -WarningAction SilentlyContinue 4>&1
        ($said | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Churn: dates of *' }).Message |
            Should -Match "^Churn: dates of .* measured to 2026-10-31: .*$future dates after this month such as 2099-12-31"
        @($warned | ForEach-Object Message) | Should -Contain "$future date(s) of $dirty lie after this month (e.g. 2099-12-31); they do not set the data month, which is 2026-10 (--data_month / -DataMonth sets it)."
    }
}

Describe '5. A stray quote in an unquoted field costs its own row only; a quote inside a field is data' -Tag 'CI' {
    BeforeAll {
        # 2,000 prospects exported without quotes; row 10 gets a quote opening its registered address.
        $quoted = Join-Path $in 'prospects-2000.del'
        $null = New-SyntheticCustomerData CorporateProspect 2000 -Seed 5 -Path $quoted
        $plain = [System.IO.File]::ReadAllLines($quoted) -replace '"', ''
        $stray = Join-Path $in 'stray.del'
        $strayLines = $plain.Clone()
        $fields = $strayLines[9].Split(','); $fields[10] = '"' + $fields[10]; $strayLines[9] = $fields -join ','
        Write-Lines $stray $strayLines
        $middle = Join-Path $in 'middle.del'
        $middleLines = $plain.Clone()
        $fields = $middleLines[9].Split(','); $fields[10] = $fields[10].Insert(3, '"'); $middleLines[9] = $fields -join ','
        Write-Lines $middle $middleLines
    }

    It 'Import-CustomerData loads 1,999 of 2,000 rows, rejects row 10 as broken quoting, and writes exactly that line aside' {
        $folder = New-ResultFolder
        $rejects = Join-Path $folder 'rejects.del'
        $data = Import-CustomerData $stray -Schema CorporateProspect -RejectPath $rejects -ErrorVariable rejected -ErrorAction SilentlyContinue
        $data.RowCount | Should -Be 1999
        $data.Summary.RecordsRead | Should -Be 2000
        $data.Summary.RowsRejected | Should -Be 1
        $data.Summary.RejectedByReason['MalformedQuotes'] | Should -Be 1
        $rejected | Should -HaveCount 1
        $rejected[0].FullyQualifiedErrorId | Should -BeLike 'BankInsight.RowRejected,*'
        $rejected[0].TargetObject.Reason | Should -Be 'MalformedQuotes'
        $rejected[0].TargetObject.Line | Should -Be 10
        $rejected[0].Exception.Message | Should -BeLike 'stray.del, line 10: broken quoting*'
        [System.IO.File]::ReadAllText($rejects, $utf8) | Should -BeExactly ($strayLines[9] + "`n")
        # Nothing after row 10 was swallowed.
        $records = Import-CustomerData $stray -Schema CorporateProspect -AsRecord -ErrorAction SilentlyContinue
        $records[-1].客户编号 | Should -Be $plain[1999].Split(',')[0]
        $records[9].客户编号 | Should -Be $plain[10].Split(',')[0]
    }

    It 'a quote in the middle of an unquoted field is data: 2,000 rows, no rejection, the value as written' {
        $folder = New-ResultFolder
        $rejects = Join-Path $folder 'rejects.del'
        $records = Import-CustomerData $middle -Schema CorporateProspect -RejectPath $rejects -AsRecord -ErrorVariable rejected -ErrorAction SilentlyContinue
        @($records).Count | Should -Be 2000
        $rejected | Should -BeNullOrEmpty
        $records[9].注册地址 | Should -BeExactly $middleLines[9].Split(',')[10]
        $records[9].注册地址 | Should -Match '^.{3}"'
        (Get-Item $rejects).Length | Should -Be 0
    }

    It 'Find-Prospect and the runner score the 1,999 good companies (runner exit 3, the line in its reject file)' {
        @(Find-Prospect $stray -Region '' -IncludeAll -ErrorAction SilentlyContinue -ErrorVariable rejected).Count | Should -Be 1999
        $rejected[0].TargetObject.Reason | Should -Be 'MalformedQuotes'

        $folder = New-ResultFolder
        $rejects = Join-Path $folder 'rejects.del'
        $run = Invoke-Runner prospect predict --input_data_path1 $stray --output_data_path (Join-Path $folder 'out.txt') --region '' --reject_path $rejects
        $run.Exit | Should -Be 3
        $run.Out | Should -Match 'scored 1,999 companies'
        $run.Err | Should -Match 'error: stray\.del, line 10: broken quoting'
        $run.Err | Should -Match '1 of 2,000 rows of .*stray\.del were rejected'
        [System.IO.File]::ReadAllText($rejects, $utf8) | Should -BeExactly ($strayLines[9] + "`n")
    }
}

Describe '6. A damaged or crafted model file is refused as damaged, with one line, and last month''s result stays' -Tag 'CI' {
    BeforeAll {
        $modelFolder = Join-Path $TestDrive 'models'
        $null = New-Item -ItemType Directory $modelFolder
        $shipped = [System.IO.File]::ReadAllText((Join-Path $shippedModels 'customer_losing'))
        $texts = @{
            'tree-count' = Edit-Model $shipped { param($body) $body -replace '(?m)^tree_count=.*$', 'tree_count=2147483647' }
            'nan-threshold' = Edit-Model $shipped { param($body) $body -replace '(?m)^decision_threshold=.*$', 'decision_threshold=NaN' }
            'edited' = $shipped -replace '(?m)^decision_threshold=.*$', 'decision_threshold=0.01'
            'truncated' = $shipped.Substring(0, [int]($shipped.Length / 2))
            'not-a-model' = [System.IO.File]::ReadAllText($churn)
        }
        foreach ($name in $texts.Keys) { [System.IO.File]::WriteAllText((Join-Path $modelFolder "$name.model"), $texts[$name], $utf8) }
        $segments = Join-Path $modelFolder 'nan-centre.model'
        $retailModel = [System.IO.File]::ReadAllText((Join-Path $shippedModels 'retail_customer'))
        $nanCentre = Edit-Model $retailModel { param($body) $body -replace '(?m)^centre\.1=\S+', 'centre.1=NaN' }
        [System.IO.File]::WriteAllText($segments, $nanCentre, $utf8)
    }

    BeforeEach {
        $folder = New-ResultFolder
        $out = Join-Path $folder 'out.txt'
        $before = Get-Snapshot $folder
    }

    It 'Invoke-ChurnPrediction -Model <Name> | Export-BankResult stops with BankInsight.ModelDamaged' -ForEach $damagedModels {
        $model = Join-Path $modelFolder "$Name.model"
        $failure = { Invoke-ChurnPrediction $churn -Model $model | Export-BankResult $out } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.ModelDamaged,BankInsight.PowerShell.Commands.InvokeChurnPredictionCommand'
        $failure.CategoryInfo.Category | Should -Be 'InvalidData'
        $failure.Exception.Message | Should -BeLike "Model file '$model' cannot be used: *"
        $failure.Exception.Message.Contains($Says) | Should -BeTrue -Because $failure.Exception.Message
        $failure.Exception.Message | Should -Not -Match "`n"
        $failure.TargetObject | Should -Be $model
        Get-Snapshot $folder | Should -Be $before
    }

    It 'runner churn predict --model <Name> exits 2 with one line and keeps last month''s result' -ForEach $damagedModels {
        $model = Join-Path $modelFolder "$Name.model"
        $run = Invoke-Runner churn predict --input_data_path $churn --output_data_path $out --model $model
        $run.Exit | Should -Be 2
        $run.Out | Should -BeNullOrEmpty
        $lines = Get-ErrLines $run.Err
        $lines | Should -HaveCount 1
        $lines[0] | Should -BeLike "bankinsight: error: Model file '$model' cannot be used: *"
        $lines[0].Contains($Says) | Should -BeTrue -Because $lines[0]
        $run.Err | Should -Not -Match 'Exception'
        Get-Snapshot $folder | Should -Be $before
    }

    It 'a segmentation model with a NaN centre is refused by Get-CustomerCluster and by cluster assign (exit 2)' {
        $failure = { Get-CustomerCluster $retail -Model $segments | Export-BankResult $out } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.ModelDamaged,*'
        $failure.Exception.Message | Should -BeLike "Model file '$segments' cannot be used: *centre.1: item 1 (NaN)*"
        Get-Snapshot $folder | Should -Be $before

        $run = Invoke-Runner cluster assign --input_data_path $retail --output_data_path $out --model $segments
        $run.Exit | Should -Be 2
        $lines = Get-ErrLines $run.Err
        $lines | Should -HaveCount 1
        $lines[0] | Should -BeLike "bankinsight: error: Model file '$segments' cannot be used: *[[]kmeans] centre.1: item 1 (NaN)*"
        Get-Snapshot $folder | Should -Be $before
    }
}

Describe '7. NaN and infinities are refused for every number parameter, naming it, and last month''s result stays' -Tag 'CI' {
    BeforeAll {
        $dataFor = @{ 'Invoke-ChurnPrediction' = $churn; 'New-ChurnModel' = $churn; 'Test-ChurnModel' = $churn; 'Find-Prospect' = $prospects; 'New-ProspectModel' = $prospects }
    }

    BeforeEach {
        $folder = New-ResultFolder
        $out = Join-Path $folder 'out.txt'
        $before = Get-Snapshot $folder
    }

    It 'every [double] parameter of every cmdlet refuses <_> at binding, naming the parameter' -ForEach 'NaN', 'Infinity', '-Infinity' {
        $value = [double]::Parse($_, [cultureinfo]::InvariantCulture)
        $checked = [System.Collections.Generic.List[string]]::new()
        $accepted = [System.Collections.Generic.List[string]]::new()
        foreach ($command in Get-Command -Module BankInsight -CommandType Cmdlet) {
            foreach ($parameter in $command.Parameters.Values | Where-Object { $_.ParameterType -in [double], [Nullable[double]] }) {
                $splat = @{ $parameter.Name = $value }
                $file = $dataFor[$command.Name] ?? $retail
                $checked.Add("$($command.Name) -$($parameter.Name)")
                try {
                    $null = & $command.Name $file @splat -ErrorAction Stop
                    $accepted.Add("$($command.Name) -$($parameter.Name) $value ran")
                }
                catch {
                    if ($_.FullyQualifiedErrorId -notlike 'ParameterArgumentValidationError,*' -or $_.Exception.Message -notmatch "parameter '$($parameter.Name)'") {
                        $accepted.Add("$($command.Name) -$($parameter.Name) $value`: $($_.FullyQualifiedErrorId): $($_.Exception.Message)")
                    }
                }
            }
        }
        $checked | Should -Contain 'Invoke-ChurnPrediction -ProbabilityThreshold'
        $checked | Should -Contain 'Find-ProductOpportunity -MinScore'
        $checked | Should -Contain 'Find-Prospect -MinMonthlyAmount'
        $checked | Should -Contain 'New-ChurnModel -MaxRejectedShare'
        $checked.Count | Should -BeGreaterOrEqual 30
        $accepted | Should -BeNullOrEmpty
    }

    It 'Invoke-ChurnPrediction -ProbabilityThreshold NaN | Export-BankResult keeps last month''s list' {
        $failure = { Invoke-ChurnPrediction $churn -ProbabilityThreshold NaN | Export-BankResult $out } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,BankInsight.PowerShell.Commands.InvokeChurnPredictionCommand'
        $failure.Exception.Message | Should -Match "parameter 'ProbabilityThreshold'\. The NaN argument"
        Get-Snapshot $folder | Should -Be $before
    }

    It 'Find-ProductOpportunity -MinScore ([double]::NaN) | Export-BankResult keeps last month''s list' {
        $failure = { Find-ProductOpportunity $retail -MinScore ([double]::NaN) | Export-BankResult $out } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,BankInsight.PowerShell.Commands.FindProductOpportunityCommand'
        $failure.Exception.Message | Should -Match "parameter 'MinScore'\. The NaN argument"
        Get-Snapshot $folder | Should -Be $before
    }

    It 'runner <Command> <Option> <Value> exits 2 naming the option, before reading anything' -ForEach $numberOptions {
        $model = Join-Path $folder 'churn.model'
        $substitutes = @{ '<churn>' = $churn; '<prospects>' = $prospects; '<retail>' = $retail; '<out>' = $out; '<model>' = $model }
        $arguments = @($Command | ForEach-Object { $substitutes[$_] ?? $_ }) + $Option + $Value + '--verbose'
        $run = Invoke-Runner @arguments
        $run.Exit | Should -Be 2
        $run.Out | Should -BeNullOrEmpty
        $run.Err | Should -Match ([regex]::Escape("$Option must be a finite number (got $Value)"))
        $run.Err | Should -Not -Match 'verbose: Reading'
        Get-Snapshot $folder | Should -Be $before
    }
    It 'a decimal comma (1,5) is refused, naming the option, instead of being read as 15' {
        $run = Invoke-Runner cross-sell --input_data_path $retail --output_data_path $out --min_lift '1,5'
        $run.Exit | Should -Be 2
        $run.Err.TrimEnd("`n") | Should -BeExactly "bankinsight: error: --min_lift takes a number with '.' for decimals and no thousands separators (got '1,5')."
        Get-Snapshot (Split-Path $out) | Should -Be $before
    }
}

Describe '8. The prospect relation join loses no relation row silently and matches ids written as floats' -Tag 'CI' {
    BeforeAll {
        $relationLines = [System.IO.File]::ReadAllLines($relations)
        # Rows 3 and 5 without a customer id (field 2).
        $emptyIds = Join-Path $in 'relations-empty-ids.del'
        $lines = $relationLines.Clone()
        foreach ($i in 2, 4) { $fields = $lines[$i].Split(','); $fields[1] = '""'; $lines[$i] = $fields -join ',' }
        Write-Lines $emptyIds $lines
        # Every customer id written as '…19.0', and one row naming no company of the prospect file.
        $floatIds = Join-Path $in 'relations-float-ids.del'
        $lines = @($relationLines | ForEach-Object { $fields = $_.Split(','); $fields[1] = $fields[1] -replace '^"(\d+)"$', '"$1.0"'; $fields -join ',' })
        $lines += '"1000","299999999999999","0300","0301","111000009950772","某某",0,0,"法定代表人",0,0,'
        Write-Lines $floatIds $lines
        # Most rows naming companies the prospect file does not have.
        $foreign = Join-Path $in 'relations-foreign.del'
        $lines = @($relationLines | ForEach-Object -Begin { $n = 0 } -Process { $fields = $_.Split(','); if ($n++ % 4) { $fields[1] = $fields[1] -replace '^"2', '"9' }; $fields -join ',' })
        Write-Lines $foreign $lines

        function Invoke-Join([string] $Relation) {
            $said = Find-Prospect $prospects $Relation -Region '' -IncludeAll -Verbose -ErrorVariable problems -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue 4>&1
            [pscustomobject]@{
                Scored = @($said | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
                Verbose = @($said | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
                Errors = @($problems)
                Warnings = @($warned | ForEach-Object Message)
            }
        }
        $clean = Invoke-Join $relations
        $cleanSummary = $clean.Verbose | Where-Object { $_ -like 'Relations: *' }
    }

    It 'the clean relation file matches with no warning and no unmatched rows' {
        $clean.Errors | Should -BeNullOrEmpty
        $clean.Warnings | Should -BeNullOrEmpty
        $cleanSummary | Should -Match "^Relations: $($relationLines.Count) rows for \d+ customers; \d+ of 400 companies have relations; 0 relation rows name no company of the prospect file\.$"
    }

    It 'relation rows with an empty customer id are rejected one by one, naming file, line and column' {
        $join = Invoke-Join $emptyIds
        $join.Errors | Should -HaveCount 2
        $join.Errors.FullyQualifiedErrorId | Should -Be (@('BankInsight.RowRejected,BankInsight.PowerShell.Commands.FindProspectCommand') * 2)
        $join.Errors.TargetObject.Reason | Should -Be 'MissingId', 'MissingId'
        $join.Errors.TargetObject.Line | Should -Be 3, 5
        $join.Errors[0].Exception.Message | Should -Be 'relations-empty-ids.del, line 3, column 2 (客户编号): the customer id is empty.'
        $join.Verbose | Should -Contain "relations-empty-ids.del: $($relationLines.Count) rows read, $($relationLines.Count - 2) loaded, 2 rejected."

        $folder = New-ResultFolder
        $run = Invoke-Runner prospect predict --input_data_path1 $prospects --input_data_path2 $emptyIds --output_data_path (Join-Path $folder 'out.txt')
        $run.Exit | Should -Be 3
        $run.Err | Should -Match 'error: relations-empty-ids\.del, line 3, column 2 \(客户编号\): the customer id is empty\.'
        $run.Err | Should -Match 'error: relations-empty-ids\.del, line 5, column 2 \(客户编号\): the customer id is empty\.'
    }

    It 'ids written …19.0 in the relation file match …19 in the prospect file, with a warning, and the one stray row is counted' {
        $join = Invoke-Join $floatIds
        $join.Errors | Should -BeNullOrEmpty
        $join.Warnings | Should -Contain "Customer ids in relations-float-ids.del look like floating-point renderings (e.g. '$($relationLines[0].Split(',')[1].Trim('"')).0'): the exporting system may have rounded them, so different customers can share an id. Export ids as text."
        $matched = [regex]::Match($cleanSummary, '(\d+) of 400 companies have relations').Groups[1].Value
        ($join.Verbose | Where-Object { $_ -like 'Relations: *' }) | Should -Match "; $matched of 400 companies have relations; 1 relation rows name no company of the prospect file\.$"
        $join.Scored.CustomerId | Should -Be $clean.Scored.CustomerId
        $join.Scored.Score | Should -Be $clean.Scored.Score
        $join.Scored.RelatedParties | Should -Be $clean.Scored.RelatedParties

        $folder = New-ResultFolder
        $run = Invoke-Runner prospect predict --input_data_path1 $prospects --input_data_path2 $floatIds --output_data_path (Join-Path $folder 'float.txt') --region '' --verbose
        $run.Exit | Should -Be 0
        $run.Err | Should -Match '1 relation rows name no company of the prospect file'
        $run.Err | Should -Match 'look like floating-point renderings'
        $run = Invoke-Runner prospect predict --input_data_path1 $prospects --input_data_path2 $relations --output_data_path (Join-Path $folder 'clean.txt') --region ''
        $run.Exit | Should -Be 0
        Get-Content (Join-Path $folder 'float.txt') | Should -Be (Get-Content (Join-Path $folder 'clean.txt'))
    }

    It 'refuses a relation file most of whose rows name no company (another extraction), keeping last month''s list; warns when allowed' {
        $folder = New-ResultFolder
        $out = Join-Path $folder 'out.txt'
        [System.IO.File]::WriteAllText($out, $lastMonth, $utf8)
        $before = Get-Snapshot $folder
        $failure = { Find-Prospect $prospects $foreign -Region '' | Export-BankResult $out } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'BankInsight.TooManyRowsRejected,*'
        $failure.Exception.Message | Should -Match "^[\d,]+ of $('{0:N0}' -f $relationLines.Count) relation rows of $([regex]::Escape($foreign)) \([\d.]+%\) name no company of $([regex]::Escape($prospects)), more than the 50% a job accepts: nothing was produced"
        $run = Invoke-Runner prospect predict --input_data_path1 $prospects --input_data_path2 $foreign --output_data_path $out
        $run.Exit | Should -Be 2
        (Get-ErrLines $run.Err)[-1] | Should -Match 'Are the two files from the same extraction\?.*raise --max_rejected_share'
        Get-Snapshot $folder | Should -Be $before

        $said = Find-Prospect $prospects $foreign -Region '' -IncludeAll -MaxRejectedShare 1 -Verbose -WarningVariable warned -WarningAction SilentlyContinue 4>&1
        $unmatched = [regex]::Match(($said | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Relations: *' }).Message, '([\d,]+) relation rows name no company').Groups[1].Value
        [int]($unmatched -replace ',') | Should -BeGreaterThan ($relationLines.Count / 2)
        @($warned | ForEach-Object Message) | Should -Contain "$unmatched of $('{0:N0}' -f $relationLines.Count) relation rows of $foreign name no company of $prospects; their relations are not used. Are the two files from the same extraction?"
    }
}

Describe '9. A job''s result files are committed together: when one cannot be replaced, none is' -Tag 'CI' {
    BeforeEach {
        $folder = New-ResultFolder
        $out = Join-Path $folder 'out.txt'
    }

    It 'runner churn predict: the scores path is a folder, so exit 2 before any work and the list is not replaced either' {
        $scores = Join-Path $folder 'scores.txt'
        $null = New-Item -ItemType Directory $scores
        $before = Get-Snapshot $folder
        $run = Invoke-Runner churn predict --input_data_path $churn --output_data_path $out --scores_path $scores
        $run.Exit | Should -Be 2
        (Get-ErrLines $run.Err)[-1] | Should -BeExactly "bankinsight: error: --scores_path '$scores' is a folder; name the file to write in it."
        $run.Out | Should -BeNullOrEmpty -Because 'the paths are checked before the data is read or scored'
        Get-Snapshot $folder | Should -Be $before
        Get-Names $folder | Should -Be 'out.txt', 'scores.txt'
    }

    It 'runner churn predict: the reject path is a folder, so exit 2 before any work and neither the list nor the scores change' {
        $bad = Join-Path $folder 'bad.del'
        Write-Lines $bad (@([System.IO.File]::ReadAllLines($churn)) + '"cut","short"')
        $scores = Join-Path $folder 'scores.txt'
        [System.IO.File]::WriteAllText($scores, $lastMonth, $utf8)
        $rejects = Join-Path $folder 'rejects'
        $null = New-Item -ItemType Directory $rejects
        $before = Get-Snapshot $folder
        $run = Invoke-Runner churn predict --input_data_path $bad --output_data_path $out --scores_path $scores --reject_path $rejects
        $run.Exit | Should -Be 2
        (Get-ErrLines $run.Err)[-1] | Should -BeExactly "bankinsight: error: --reject_path '$rejects' is a folder; name the file to write in it."
        $run.Err | Should -Not -Match 'rejected' -Because 'nothing was read'
        Get-Snapshot $folder | Should -Be $before
    }

    It 'runner prospect predict: the related path is a folder, so exit 2 before any work and the prospect list stays' {
        $related = Join-Path $folder 'related.txt'
        $null = New-Item -ItemType Directory $related
        $before = Get-Snapshot $folder
        $run = Invoke-Runner prospect predict --input_data_path1 $prospects --input_data_path2 $relations --output_data_path $out --related_path $related
        $run.Exit | Should -Be 2
        (Get-ErrLines $run.Err)[-1] | Should -BeExactly "bankinsight: error: --related_path '$related' is a folder; name the file to write in it."
        $run.Out | Should -BeNullOrEmpty
        Get-Snapshot $folder | Should -Be $before
    }
    It 'runner churn predict: the scores folder does not exist, so exit 2 before any work and the list stays' {
        $scores = Join-Path $folder 'no-such-folder' 'scores.txt'
        [System.IO.File]::WriteAllText($out, $lastMonth, $utf8)
        $before = Get-Snapshot $folder
        $run = Invoke-Runner churn predict --input_data_path $churn --output_data_path $out --scores_path $scores
        $run.Exit | Should -Be 2
        (Get-ErrLines $run.Err)[-1] | Should -BeExactly "bankinsight: error: The folder of --scores_path '$scores' does not exist ('$(Split-Path $scores)'); create it first."
        $run.Out | Should -BeNullOrEmpty
        Get-Snapshot $folder | Should -Be $before
    }
}

Describe '10. No temporary file is ever left behind, and last month''s result stays, when a run is stopped or fails midway' -Tag 'CI' {
    It 'a pipeline into Export-BankResult that throws at the third object keeps the old file, with no temporary file' {
        $folder = New-ResultFolder
        $path = Join-Path $folder 'out.txt'
        $before = Get-Snapshot $folder
        { 1..5 | ForEach-Object { if ($_ -eq 3) { throw 'boom' }; [pscustomobject]@{ CustomerId = "c$_" } } | Export-BankResult $path -Property CustomerId } |
            Should -Throw -ExpectedMessage 'boom'
        Get-Snapshot $folder | Should -Be $before
        # and the same pipeline without the failure does replace it
        1..5 | ForEach-Object { [pscustomobject]@{ CustomerId = "c$_" } } | Export-BankResult $path -Property CustomerId
        Get-Content $path | Should -Be '"c1"', '"c2"', '"c3"', '"c4"', '"c5"'
        Get-Names $folder | Should -Be 'out.txt'
    }

    It 'a job that fails after its first results keeps the old file (a second file fails to read with -ErrorAction Stop)' {
        $folder = New-ResultFolder
        $path = Join-Path $folder 'out.txt'
        $before = Get-Snapshot $folder
        { Invoke-ChurnPrediction $churn, (Join-Path $in 'missing.del') -ErrorAction Stop | Export-BankResult $path } | Should -Throw -ErrorId 'BankInsight.FileNotFound,*'
        Get-Snapshot $folder | Should -Be $before
    }

    if (-not $IsWindows) {
        Context 'SIGTERM (Unix)' {
            It 'SIGTERM to a running runner: exit 143, one line, last month''s list and no temporary file' {
                $big = Join-Path $TestDrive 'big' 'customer_losing.del'
                $null = New-Item -ItemType Directory (Split-Path $big)
                (Invoke-Runner generate --schema CorporateChurn --rows 150000 --seed 5 --output $big).Exit | Should -Be 0
                $folder = New-ResultFolder
                $before = Get-Snapshot $folder
                $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
                foreach ($argument in $cli, 'churn', 'predict', '--input_data_path', $big, '--output_data_path', (Join-Path $folder 'out.txt'), '--scores_path', (Join-Path $folder 'scores.txt')) { $start.ArgumentList.Add($argument) }
                $start.RedirectStandardOutput = $true
                $start.RedirectStandardError = $true
                $process = [System.Diagnostics.Process]::Start($start)
                try {
                    $stderr = $process.StandardError.ReadToEndAsync()
                    $stdout = $process.StandardOutput.ReadToEndAsync()
                    # Stop it while its temporary files exist: after loading, while writing.
                    $deadline = [DateTime]::UtcNow.AddSeconds(60)
                    while (-not [System.IO.Directory]::GetFiles($folder, '.*.tmp') -and -not $process.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 2 }
                    $process.HasExited | Should -BeFalse -Because 'the job must still run when stopped; give it more rows'
                    & kill -TERM $process.Id
                    $process.WaitForExit(60000) | Should -BeTrue
                    $process.ExitCode | Should -Be 143
                    $stderr.Result.TrimEnd("`n") | Should -BeExactly 'bankinsight: stopped.'
                    $stdout.Result | Should -BeNullOrEmpty
                }
                finally { if (-not $process.HasExited) { $process.Kill() } }
                Get-Snapshot $folder | Should -Be $before
                Get-Names $folder | Should -Be 'out.txt'
            }
        }
    }
}

Describe '11. Replacing a result keeps its Unix mode and writes through a symbolic link to its target' -Tag 'CI' {
    if (-not $IsWindows) {
        Context 'mode and links (Unix)' {
            BeforeEach {
                $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
                $real = Join-Path $folder 'real'
                $null = New-Item -ItemType Directory $real
                $target = Join-Path $real 'customer_losing.txt'
                [System.IO.File]::WriteAllText($target, $lastMonth, $utf8)
                $link = Join-Path $folder 'out.txt'
                $null = New-Item -ItemType SymbolicLink -Path $link -Target $target
            }

            It 'Export-BankResult: a mode-600 result stays 600, and through a link the target gets the new list' {
                [System.IO.File]::SetUnixFileMode($target, [System.IO.UnixFileMode] 'UserRead, UserWrite')
                $flagged = Invoke-ChurnPrediction $churn -Drivers 0
                $flagged | Export-BankResult $link
                (Get-Item $link).LinkType | Should -Be 'SymbolicLink'
                (Get-Item $link).Target | Should -Be $target
                Get-Content $target | Should -Be ($flagged | ForEach-Object { "`"$($_.CustomerId)`"" })
                (Get-Item $target).UnixFileMode | Should -Be ([System.IO.UnixFileMode] 'UserRead, UserWrite')
                Get-Names $real | Should -Be 'customer_losing.txt'
                Get-Names $folder | Should -Be 'out.txt', 'real'
            }

            It 'Export-BankResult to a mode-640 file (no link) keeps 640' {
                $plain = Join-Path $real 'plain.txt'
                [System.IO.File]::WriteAllText($plain, $lastMonth, $utf8)
                [System.IO.File]::SetUnixFileMode($plain, [System.IO.UnixFileMode] 'UserRead, UserWrite, GroupRead')
                'a', 'b' | Export-BankResult $plain
                Get-Content $plain | Should -Be '"a"', '"b"'
                (Get-Item $plain).UnixFileMode | Should -Be ([System.IO.UnixFileMode] 'UserRead, UserWrite, GroupRead')
                Get-Names $real | Should -Be 'customer_losing.txt', 'plain.txt'
            }

            It 'the runner: a mode-600 result stays 600, and through a link the target gets the new list' {
                [System.IO.File]::SetUnixFileMode($target, [System.IO.UnixFileMode] 'UserRead, UserWrite')
                $run = Invoke-Runner churn predict --input_data_path $churn --output_data_path $link
                $run.Exit | Should -Be 0
                (Get-Item $link).LinkType | Should -Be 'SymbolicLink'
                (Get-Item $link).Target | Should -Be $target
                Get-Content $target | Should -Be (Invoke-ChurnPrediction $churn -Drivers 0 | ForEach-Object { "`"$($_.CustomerId)`"" })
                (Get-Item $target).UnixFileMode | Should -Be ([System.IO.UnixFileMode] 'UserRead, UserWrite')
                Get-Names $real | Should -Be 'customer_losing.txt'
            }
        }
    }
}

Describe '12. Text that would break what is built on it is rejected where it enters, and never written' -Tag 'CI' {
    BeforeAll {
        $sourceLines = [System.IO.File]::ReadAllLines($prospects)[0..49]
        # Line 5 with $Text at the start of its business address (column 12).
        function Get-EditedLine([string] $Text) { $line = $sourceLines[4]; $at = $line.LastIndexOf(',"') + 2; $line.Substring(0, $at) + $Text + $line.Substring($at) }
        # The 50 first prospects with line 5 as the bytes given.
        function New-EditedFile([string] $Name, [byte[]] $Line5) {
            $path = Join-Path $in $Name
            $bytes = [System.Collections.Generic.List[byte]]::new()
            for ($i = 0; $i -lt $sourceLines.Count; $i++) { $bytes.AddRange([byte[]]$(if ($i -eq 4) { $Line5 } else { $utf8.GetBytes("$($sourceLines[$i])`n") })) }
            [System.IO.File]::WriteAllBytes($path, $bytes.ToArray())
            $path
        }
    }

    It 'a <Name> in a quoted field rejects that row, naming the column and showing the character readably' -ForEach $controlCharacters {
        $line5 = $utf8.GetBytes((Get-EditedLine "X${Character}Y") + "`n")
        $file = New-EditedFile "control-$($Name -replace ' ', '-').del" $line5
        $folder = New-ResultFolder
        $rejects = Join-Path $folder 'rejects.del'
        $data = Import-CustomerData $file -Schema CorporateProspect -RejectPath $rejects -ErrorVariable rejected -ErrorAction SilentlyContinue
        $data.RowCount | Should -Be 49
        $rejected | Should -HaveCount 1
        $rejected[0].FullyQualifiedErrorId | Should -BeLike 'BankInsight.RowRejected,*'
        $rejected[0].TargetObject.Reason | Should -Be 'ControlCharacter'
        $rejected[0].TargetObject.Column | Should -Be '经营地址'
        $rejected[0].TargetObject.Line | Should -Be 5
        $rejected[0].Exception.Message | Should -BeLike "$(Split-Path $file -Leaf), line 5, column 12 (经营地址): '$Shown*' is not valid; expected text without $Described."
        $rejected[0].Exception.Message | Should -Not -Match '[\x00-\x09\x0B-\x1F]'
        # The record verbatim aside (for the line feed, both of its lines), and the next row keeps its place.
        Get-Bytes $rejects | Should -Be ([Convert]::ToBase64String($line5))
        $records = Import-CustomerData $file -Schema CorporateProspect -AsRecord -ErrorAction SilentlyContinue
        $records[4].客户编号 | Should -Be $sourceLines[5].Split(',')[0].Trim('"')
        $records[-1].客户编号 | Should -Be $sourceLines[49].Split(',')[0].Trim('"')
    }

    It 'a byte order mark in the middle of a file (two exports concatenated) rejects that row' {
        $file = New-EditedFile 'bom-in-middle.del' ([byte[]](@(0xEF, 0xBB, 0xBF) + $utf8.GetBytes("$($sourceLines[4])`n")))
        $data = Import-CustomerData $file -Schema CorporateProspect -ErrorVariable rejected -ErrorAction SilentlyContinue
        $data.RowCount | Should -Be 49
        $rejected | Should -HaveCount 1
        $rejected[0].TargetObject.Reason | Should -Be 'ControlCharacter'
        $rejected[0].TargetObject.Line | Should -Be 5
        $rejected[0].TargetObject.Column | Should -Be '客户编号'
        $rejected[0].Exception.Message | Should -BeLike "bom-in-middle.del, line 5, column 1 (客户编号): '\uFEFF*' is not valid; expected text without U+FEFF (byte order mark)."
    }

    It 'the runner rejects the NUL row too: exit 3, the row named with \u0000, the other 49 scored' {
        $file = New-EditedFile 'control-runner.del' $utf8.GetBytes((Get-EditedLine "X$([char]0)Y") + "`n")
        $folder = New-ResultFolder
        $run = Invoke-Runner prospect predict --input_data_path1 $file --output_data_path (Join-Path $folder 'out.txt') --region ''
        $run.Exit | Should -Be 3
        $run.Out | Should -Match 'scored 49 companies'
        $run.Err | Should -Match ([regex]::Escape("error: control-runner.del, line 5, column 12 (经营地址): 'X\u0000Y"))
        $run.Err | Should -Not -Match '\x00'
    }

    It 'ids with a trailing space are compared trimmed, with a warning: the repeat is still caught, the id kept as written' {
        $id = $sourceLines[4].Split(',')[0].Trim('"')
        $file = Join-Path $in 'padded-ids.del'
        $lines = $sourceLines.Clone()
        $lines[4] = $lines[4] -replace '^"(\d+)"', '"$1 "'
        $lines[7] = $sourceLines[4]
        Write-Lines $file $lines
        $data = Import-CustomerData $file -Schema CorporateProspect -ErrorVariable rejected -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue
        $data.RowCount | Should -Be 49
        $rejected | Should -HaveCount 1
        $rejected[0].TargetObject.Reason | Should -Be 'DuplicateId'
        $rejected[0].TargetObject.Line | Should -Be 8
        $rejected[0].Exception.Message | Should -BeLike "padded-ids.del, line 8, column 1 (客户编号): customer id '$id' already appeared on line 5*"
        @($warned | ForEach-Object Message) | Should -Contain "1 customer id(s) of padded-ids.del have spaces or invisible characters around them (e.g. '$id '): they are kept as written, and compared without them — an id that differs from another only so is a repeat."
        (Import-CustomerData $file -Schema CorporateProspect -AsRecord -ErrorAction SilentlyContinue)[4].客户编号 | Should -BeExactly "$id "
    }

    It 'Export-BankResult refuses a value holding <Name> with BankInsight.ResultValueInvalid and keeps the old file' -ForEach @(
        @{ Name = 'an escape code'; Value = "b$([char]0x1B)[31mc"; Shown = 'b\u001B[31mc'; Described = 'U+001B (escape)' }
        @{ Name = 'a NUL'; Value = "b$([char]0)c"; Shown = 'b\u0000c'; Described = 'U+0000 (NUL)' }
        @{ Name = 'a line break'; Value = "b`r`nc"; Shown = 'b\u000D\u000Ac'; Described = 'U+000D (carriage return)' }
    ) {
        $folder = New-ResultFolder
        $out = Join-Path $folder 'out.txt'
        $before = Get-Snapshot $folder
        $objects = 'a', $Value, 'd' | ForEach-Object { [pscustomobject]@{ CustomerId = $_ } }
        $failure = $null
        try { $objects | Export-BankResult $out -Property CustomerId -ErrorVariable bad -ErrorAction SilentlyContinue } catch { $failure = $_ }
        $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.ResultValueInvalid,BankInsight.PowerShell.Commands.ExportBankResultCommand'
        $bad = @($bad | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_ -ne $failure })
        $bad | Should -HaveCount 1
        # The summary names the count and repeats the first object's own reason.
        $failure.Exception.Message | Should -Be "1 object(s) could not be written, so '$out' was not replaced. The first: $($bad[0].Exception.Message)"
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'BankInsight.ResultValueInvalid,*'
        $bad[0].Exception.Message | Should -BeLike "Line 2: the text '$([WildcardPattern]::Escape($Shown))' holds $Described, which would break the result file's lines."
        Get-Snapshot $folder | Should -Be $before
    }
}

Describe '13. Smaller faults: a full disk, UTF-32, CRLF models, long names, formula-like text' -Tag 'CI' {
    It 'a UTF-32 file (<_>) is called UTF-32, by Import-CustomerData and by the runner' -ForEach 'utf-32', 'utf-32BE' {
        $encoding = [System.Text.Encoding]::GetEncoding($_)
        $file = Join-Path $in "$_.del"
        [System.IO.File]::WriteAllBytes($file, [byte[]]($encoding.GetPreamble() + $encoding.GetBytes([System.IO.File]::ReadAllText($churn))))
        $failure = { Import-CustomerData $file -Schema CorporateChurn } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -Be 'BankInsight.EncodingUnsupported,BankInsight.PowerShell.Commands.ImportCustomerDataCommand'
        $failure.Exception.Message | Should -BeLike "$_.del is UTF-32 encoded. Export it as UTF-8 or GB18030.*"

        $folder = New-ResultFolder
        $before = Get-Snapshot $folder
        $run = Invoke-Runner churn predict --input_data_path $file --output_data_path (Join-Path $folder 'out.txt')
        $run.Exit | Should -Be 2
        (Get-ErrLines $run.Err)[-1] | Should -Be "bankinsight: error: $_.del is UTF-32 encoded. Export it as UTF-8 or GB18030."
        Get-Snapshot $folder | Should -Be $before
    }

    It 'a model copied through Windows (CRLF line ends and a BOM) loads and scores as the original' {
        $model = Join-Path $TestDrive 'crlf.model'
        [System.IO.File]::WriteAllText($model, [System.IO.File]::ReadAllText((Join-Path $shippedModels 'customer_losing')).Replace("`n", "`r`n"), [System.Text.UTF8Encoding]::new($true))
        [System.IO.File]::ReadAllBytes($model)[0..2] | Should -Be 0xEF, 0xBB, 0xBF
        $expected = Invoke-ChurnPrediction $churn -IncludeAll -Drivers 0
        $scored = Invoke-ChurnPrediction $churn -Model $model -IncludeAll -Drivers 0
        $scored.CustomerId | Should -Be $expected.CustomerId
        $scored.Probability | Should -Be $expected.Probability

        $folder = New-ResultFolder
        $run = Invoke-Runner churn predict --input_data_path $churn --output_data_path (Join-Path $folder 'out.txt') --model $model
        $run.Exit | Should -Be 0
        Get-Content (Join-Path $folder 'out.txt') | Should -Be ($expected | Where-Object IsChurn | ForEach-Object { "`"$($_.CustomerId)`"" })
    }

    It 'an output name of 250 bytes is written although its temporary name would be longer' {
        $folder = New-ResultFolder
        $name = ('客' * 82) + '.txt'
        $utf8.GetByteCount($name) | Should -Be 250
        $path = Join-Path $folder $name
        $flagged = Invoke-ChurnPrediction $churn -Drivers 0
        $flagged | Export-BankResult $path
        Get-Content -LiteralPath $path | Should -Be ($flagged | ForEach-Object { "`"$($_.CustomerId)`"" })
        $other = Join-Path $folder (('户' * 82) + '.txt')
        $run = Invoke-Runner churn predict --input_data_path $churn --output_data_path $other
        $run.Exit | Should -Be 0 -Because $run.Err
        Get-Content -LiteralPath $other | Should -Be ($flagged | ForEach-Object { "`"$($_.CustomerId)`"" })
        Get-Names $folder | Should -Be @('out.txt', $name, (Split-Path $other -Leaf) | Sort-Object)
    }

    It 'formula-like ids get a leading apostrophe with Export-BankResult -SpreadsheetSafe, and are unchanged without it' {
        $folder = New-ResultFolder
        $out = Join-Path $folder 'out.txt'
        $objects = '=1+2', '+cmd', '-5%', '@SUM(A1)', 'plain' | ForEach-Object { [pscustomobject]@{ CustomerId = $_ } }
        $objects | Export-BankResult $out -Property CustomerId -SpreadsheetSafe
        Get-Content $out | Should -Be '"''=1+2"', '"''+cmd"', '"''-5%"', '"''@SUM(A1)"', '"plain"'
        $objects | Export-BankResult $out -Property CustomerId
        Get-Content $out | Should -Be '"=1+2"', '"+cmd"', '"-5%"', '"@SUM(A1)"', '"plain"'
    }

    It 'formula-like ids get a leading apostrophe with the runner''s --spreadsheet_safe, and are unchanged without it' {
        $folder = New-ResultFolder
        $file = Join-Path $folder 'formulas.del'
        $lines = [System.IO.File]::ReadAllLines($churn)
        $ids = '=HYPERLINK(1)', '@SUM(1)', '-3', '+4'
        for ($i = 0; $i -lt $ids.Count; $i++) { $lines[$i] = "`"$($ids[$i])`"" + $lines[$i].Substring($lines[$i].IndexOf(',')) }
        Write-Lines $file $lines
        $plainId = $lines[4].Split(',')[0]
        $run = Invoke-Runner churn predict --input_data_path $file --output_data_path (Join-Path $folder 'safe.txt') --scores_path (Join-Path $folder 'safe-scores.txt') --spreadsheet_safe
        $run.Exit | Should -Be 0
        (Get-Content (Join-Path $folder 'safe-scores.txt') -TotalCount 5) -replace ',.*$' | Should -Be '"''=HYPERLINK(1)"', '"''@SUM(1)"', '"''-3"', '"''+4"', $plainId
        $run = Invoke-Runner churn predict --input_data_path $file --output_data_path (Join-Path $folder 'raw.txt') --scores_path (Join-Path $folder 'raw-scores.txt')
        $run.Exit | Should -Be 0
        (Get-Content (Join-Path $folder 'raw-scores.txt') -TotalCount 5) -replace ',.*$' | Should -Be '"=HYPERLINK(1)"', '"@SUM(1)"', '"-3"', '"+4"', $plainId
    }

    if (-not $IsWindows) {
        Context 'a full disk (Unix: a file-size limit makes every write past 64 KB fail as a full disk would)' {
            BeforeAll {
                $bigChurn = Join-Path $in 'churn-3000.del'
                $null = New-SyntheticCustomerData CorporateChurn 3000 -Seed 5 -Path $bigChurn
                # bash ignores SIGXFSZ so the write returns an error; the runtime's double-mapped code pages are files too.
                $env:DOTNET_EnableWriteXorExecute = '0'
            }
            AfterAll { Remove-Item Env:DOTNET_EnableWriteXorExecute -ErrorAction Ignore }

            It 'the runner exits 2 naming the file, with last month''s list and scores and no temporary file' {
                $folder = New-ResultFolder
                $out = Join-Path $folder 'out.txt'
                $scores = Join-Path $folder 'scores.txt'
                [System.IO.File]::WriteAllText($scores, $lastMonth, $utf8)
                $before = Get-Snapshot $folder
                $err = Join-Path $TestDrive 'full-disk-runner.err'
                & bash -c 'ulimit -f 64; trap "" XFSZ; exec dotnet "$0" churn predict --input_data_path "$1" --output_data_path "$2" --scores_path "$3" 2>"$4"' $cli $bigChurn $out $scores $err | Out-Null
                $LASTEXITCODE | Should -Be 2
                $message = [System.IO.File]::ReadAllText($err)
                (Get-ErrLines $message)[-1] | Should -BeLike "bankinsight: error: Cannot write '$scores': *"
                $message | Should -Not -Match 'internal error'
                Get-Snapshot $folder | Should -Be $before
            }

            It 'Export-BankResult stops with BankInsight.OutputWriteFailed naming the file, keeps the old one and leaves no temporary file' {
                $folder = New-ResultFolder
                $out = Join-Path $folder 'out.txt'
                $before = Get-Snapshot $folder
                $child = Join-Path $TestDrive 'full-disk.ps1'
                Set-Content $child @'
param($Module, $Target)
Import-Module $Module
try {
    1..20000 | ForEach-Object { [pscustomobject]@{ CustomerId = 'c{0:D12}' -f $_ } } | Export-BankResult $Target -Property CustomerId -ErrorAction SilentlyContinue
    'written'
}
catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
'@
                $module = Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1'
                $said = & bash -c 'ulimit -f 64; trap "" XFSZ; exec "$0" -NoProfile -NonInteractive -File "$1" "$2" "$3"' (Join-Path $PSHOME 'pwsh') $child $module $out
                $said[0] | Should -Be 'BankInsight.OutputWriteFailed,BankInsight.PowerShell.Commands.ExportBankResultCommand' -Because "a full disk is no bad object ($($said -join ' | '))"
                $said[1] | Should -BeLike "Cannot write '$out': *"
                Get-Snapshot $folder | Should -Be $before
            }
        }
    }
}
