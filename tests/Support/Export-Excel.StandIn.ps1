# A stand-in for ImportExcel's Export-Excel, for machines without ImportExcel (CI: it is on no
# registry here). It takes the parameters our examples and tours use, insists on the switch our
# docs prescribe — -NoNumberConversion * alone, the only form that keeps ids such as 2.1009E+14 and
# codes such as "01" or "1,8" as text (ImportExcel 7.8.10 parses every other text cell with
# NumberStyles.Any in the current culture) — and writes the rows as CSV so the file exists.
# Dot-source it; it defines nothing when the real Export-Excel is there.
if (-not (Get-Command Export-Excel -ErrorAction Ignore)) {
    function global:Export-Excel {
        [CmdletBinding()]
        param(
            [Parameter(Mandatory, Position = 0)] [string] $Path,
            [Parameter(ValueFromPipeline)] [object] $InputObject,
            [string[]] $NoNumberConversion,
            [string] $WorksheetName = 'Sheet1',
            [switch] $AutoSize,
            [switch] $FreezeTopRow
        )
        begin {
            if (@($NoNumberConversion).Count -ne 1 -or $NoNumberConversion[0] -ne '*') {
                throw "Export-Excel without -NoNumberConversion * turns ids and product codes into numbers; got -NoNumberConversion '$($NoNumberConversion -join ',')'."
            }
            $rows = [System.Collections.Generic.List[object]]::new()
        }
        process { if ($null -ne $InputObject) { $rows.Add($InputObject) } }
        end {
            if ($rows.Count -eq 0) { throw 'Export-Excel received no rows.' }
            $rows | Export-Csv -LiteralPath $Path -NoTypeInformation -Encoding utf8BOM
        }
    }
}
