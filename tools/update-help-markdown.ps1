#Requires -Version 7.4
<#
.SYNOPSIS
    Brings docs/en-US/*.md in step with the cmdlets as PowerShell sees them (what platyPS's
    Update-MarkdownHelp does; platyPS cannot be installed here).
.DESCRIPTION
    Rewrites, from the built module's metadata, each cmdlet's SYNTAX section and the YAML block of
    every parameter (type, sets, aliases, required, position, pipeline input, wildcards); adds a
    section for a new parameter, described by its XML doc comment, and drops the section of a
    parameter that no longer exists. Descriptions, default-value texts, examples and notes are the
    writer's and stay as they are. Afterwards run: python3 tools/make-help.py
    With -Check nothing is written: the script lists the files that are out of step and exits 1
    (a Pester test runs it so).
.EXAMPLE
    ./build.ps1 -Task Build; dotnet pwsh ./tools/update-help-markdown.ps1; python3 tools/make-help.py
#>
[CmdletBinding()]
param(
    [string] $Module = (Join-Path $PSScriptRoot '..' 'out' 'BankInsight' 'BankInsight.psd1'),
    [string] $Docs = (Join-Path $PSScriptRoot '..' 'docs' 'en-US'),
    [string] $XmlDoc = (Join-Path $PSScriptRoot '..' 'src' 'BankInsight.PowerShell' 'bin' 'Release' 'net8.0' 'BankInsight.PowerShell.xml'),
    [switch] $Check
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $Module
# -WhatIf and -Confirm are documented with the cmdlets that support them, as platyPS does.
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'
$summaries = @{}
if (Test-Path $XmlDoc) {
    foreach ($member in ([xml](Get-Content $XmlDoc -Raw)).doc.members.member) {
        if ($member.name -like 'P:*' -and $member.SelectSingleNode('summary')) { $summaries[$member.name] = (($member.SelectSingleNode('summary').InnerText -replace '\s+', ' ').Trim()) }
    }
}

function Format-Syntax([string] $name, [System.Management.Automation.CommandParameterSetInfo] $set) {
    # One line per set, wrapped between top-level parameters as platyPS does (continuation lines start with a space).
    $tokens = [System.Collections.Generic.List[string]]::new()
    $depth = 0; $current = ''
    foreach ($ch in "$name $set".ToCharArray()) {
        if ($ch -eq '[' -or $ch -eq '<') { $depth++ } elseif ($ch -eq ']' -or $ch -eq '>') { $depth-- }
        if ($ch -eq ' ' -and $depth -eq 0) { $tokens.Add($current); $current = '' } else { $current += $ch }
    }
    $tokens.Add($current)
    $lines = [System.Collections.Generic.List[string]]::new(); $line = ''
    foreach ($t in $tokens) {
        if ($line -and ($line.Length + 1 + $t.Length) -gt 110) { $lines.Add($line); $line = " $t" } else { $line = if ($line) { "$line $t" } else { $t } }
    }
    $lines.Add($line)
    $lines -join "`n"
}

function Get-YamlBlock($command, [System.Management.Automation.ParameterMetadata] $parameter, [string] $defaultValue) {
    $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $type = $parameter.ParameterType
    if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) { $type = $type.GetGenericArguments()[0] }
    $sets = @($attributes.ParameterSetName | Sort-Object -Unique)
    $setText = if ($sets -contains '__AllParameterSets') { '(All)' } else { ($sets | Sort-Object { $command.ParameterSets.Name.IndexOf($_) }) -join ', ' }
    function Per([scriptblock] $value) {
        # One value, or "value in SetA, SetB; other in SetC" when the sets differ.
        $values = @($attributes | ForEach-Object { [pscustomobject]@{ Set = $_.ParameterSetName; Value = & $value $_ } })
        $groups = @($values | Group-Object Value)
        if ($groups.Count -le 1) { return $groups[0].Name }
        ($groups | ForEach-Object { "$($_.Name) in $($_.Group.Set -join ', ')" }) -join '; '
    }
    $required = Per { param($a) if ($a.Mandatory) { 'True' } else { 'False' } }
    $position = Per { param($a) if ($a.Position -ge 0) { "$($a.Position)" } else { 'Named' } }
    $pipeline = Per {
        param($a)
        $how = @(if ($a.ValueFromPipeline) { 'ByValue' }; if ($a.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
        if ($how) { "True ($($how -join ', '))" } else { 'False' }
    }
    $wildcards = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    if (-not $defaultValue) { $defaultValue = if ($type -eq [System.Management.Automation.SwitchParameter]) { 'False' } else { 'None' } }
    @(
        '```yaml'
        "Type: $($type.Name)"
        "Parameter Sets: $setText"
        "Aliases: $($parameter.Aliases -join ', ')"
        ''
        "Required: $required"
        "Position: $position"
        "Default value: $defaultValue"
        "Accept pipeline input: $pipeline"
        "Accept wildcard characters: $wildcards"
        '```'
    ) -join "`n"
}

function Split-Sections([string] $text, [int] $level) {
    # (heading, body) pairs at headings of exactly $level #'s outside code fences; the text before the first heading under ''.
    $result = [System.Collections.Generic.List[object]]::new()
    $heading = ''; $body = [System.Collections.Generic.List[string]]::new(); $fence = $false
    foreach ($line in $text -split "`n") {
        if ($line.StartsWith('```')) { $fence = -not $fence }
        if (-not $fence -and $line -match "^#{$level} (?!#)(.*)$") {
            $result.Add([pscustomobject]@{ Heading = $heading; Body = $body -join "`n" })
            $heading = $Matches[1].Trim(); $body = [System.Collections.Generic.List[string]]::new()
        }
        else { $body.Add($line) }
    }
    $result.Add([pscustomobject]@{ Heading = $heading; Body = $body -join "`n" })
    $result
}

$outOfStep = [System.Collections.Generic.List[string]]::new()
foreach ($command in Get-Command -Module BankInsight -CommandType Cmdlet | Sort-Object Name) {
    $file = Join-Path $Docs "$($command.Name).md"
    $text = (Get-Content $file -Raw -Encoding utf8) -replace "`r`n", "`n"
    $parts = Split-Sections $text 2

    $syntax = foreach ($set in $command.ParameterSets | Sort-Object { -not $_.IsDefault }, { $command.ParameterSets.IndexOf($_) }) {
        $label = if ($set.Name -eq '__AllParameterSets') { 'All' } else { $set.Name }
        if ($set.IsDefault -and $command.ParameterSets.Count -gt 1) { $label += ' (Default)' }
        "### $label`n" + '```' + "`n$(Format-Syntax $command.Name $set)`n" + '```'
    }

    $existing = @{}
    $parameterPart = $parts | Where-Object Heading -eq 'PARAMETERS'
    foreach ($section in Split-Sections $parameterPart.Body 3 | Where-Object Heading -like '-*') {
        $description = ($section.Body -split '```yaml')[0].Trim()
        $default = if ($section.Body -match '(?m)^Default value: (.*)$') { $Matches[1].Trim() } else { '' }
        $existing[$section.Heading.TrimStart('-')] = @{ Description = $description; Default = $default }
    }
    # Positional parameters by position, then each set's own mandatory ones (the data: -LiteralPath,
    # -InputObject), then the rest in the order the cmdlet declares them.
    $all = @($command.ParameterSets.Parameters | Where-Object Name -notin $common)
    $order = [System.Collections.Generic.List[string]]::new()
    $ranked = @($all | Where-Object Position -ge 0 | Sort-Object -Stable Position) + @($all | Where-Object IsMandatory) + @($command.Parameters.Values)
    foreach ($p in $ranked) { if ($p.Name -notin $common -and -not $order.Contains($p.Name)) { $order.Add($p.Name) } }
    # @() below: with one parameter this is a string, and string + string would glue the sections together.
    $parameterText = foreach ($name in $order) {
        $known = $existing[$name]
        $description = if ($known -and $known.Description) { $known.Description }
        elseif ($name -eq 'WhatIf') { 'Shows what would be written, and writes nothing.' }
        elseif ($name -eq 'Confirm') { 'Asks for confirmation before writing.' }
        else {
            $property = $command.ImplementingType.GetProperty($name)
            $summaries["P:$($property.DeclaringType.FullName).$name"]
        }
        if (-not $description) { throw "$($command.Name) -$name has no description: add an XML doc comment to the property, or write one in $file." }
        "### -$name`n$description`n`n$(Get-YamlBlock $command $command.Parameters[$name] $(if ($known) { $known.Default }))"
    }
    $commonPart = (Split-Sections $parameterPart.Body 3 | Where-Object Heading -eq 'CommonParameters')
    $commonText = if ($commonPart) { "### CommonParameters`n$($commonPart.Body.Trim("`n"))" } else { '' }

    $rebuilt = foreach ($part in $parts) {
        switch ($part.Heading) {
            '' { $part.Body.TrimEnd() + "`n"; break }
            'SYNTAX' { "## SYNTAX`n`n$($syntax -join "`n`n")`n"; break }
            'PARAMETERS' { "## PARAMETERS`n`n$((@($parameterText) + @($commonText | Where-Object { $_ })) -join "`n`n")`n"; break }
            default {
                # platyPS's layout: prose right under its heading, a blank line before a sub-heading or a code block.
                $body = $part.Body.Trim("`n")
                "## $($part.Heading)`n$(if ($body -match '^(#|```)') { "`n" })$body`n"
            }
        }
    }
    $newText = ($rebuilt -join "`n").TrimEnd() + "`n"
    if ($newText -ne $text) {
        $outOfStep.Add($file)
        if (-not $Check) { [System.IO.File]::WriteAllText($file, $newText, [System.Text.UTF8Encoding]::new($false)) }
    }
}

if ($Check) {
    if ($outOfStep.Count -gt 0) {
        "Out of step with the cmdlets (run tools/update-help-markdown.ps1, then python3 tools/make-help.py):"
        $outOfStep | ForEach-Object { "  $_" }
        exit 1
    }
    'docs/en-US is in step with the cmdlets.'
    exit 0
}
else {
    "Updated $($outOfStep.Count) file(s)$(if ($outOfStep.Count) { ': ' + (($outOfStep | Split-Path -Leaf) -join ', ') }). Now run: python3 tools/make-help.py"
}
