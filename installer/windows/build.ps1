# Build the Windows installer: the PyInstaller one-folder app, its self-test, then Inno Setup.
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#   ... -SignCommand 'signtool sign /fd sha256 /tr http://timestamp.example /td sha256 /a $f'
#
# Needs the project's virtual environment (.venv, made by `./dev` or by hand with
# `py -3.11 -m venv .venv; .venv\Scripts\pip install -r requirements.lock; pip install -e .`)
# and Inno Setup 6.3+ (iscc.exe on PATH or given with -Iscc).
param(
    [string]$Iscc = "iscc.exe",
    [string]$SignCommand = ""
)
$ErrorActionPreference = "Stop"
$root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $root
$python = Join-Path $root ".venv\Scripts\python.exe"

$version = & $python -c "import harmony_desktop; print(harmony_desktop.__version__)"
# Inno Setup's VersionInfoVersion wants numbers only (0.1.0, not 0.1.0.dev1).
$numeric = ($version -split '[^0-9.]')[0].TrimEnd('.')
Write-Host "Harmony Desktop $version"

& $python -m PyInstaller --noconfirm --clean build.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The console twin of the app prints the self-test; the windowed exe has no stdout.
& "dist\harmony-desktop\harmony-desktop-cli.exe" --self-test
if ($LASTEXITCODE -ne 0) { throw "the frozen app's self-test failed (exit $LASTEXITCODE)" }

$isccArgs = @("/DAppVersion=$numeric", "installer\windows\harmony-desktop.iss")
if ($SignCommand) {
    # Sign the executables before packing, then let Inno Setup sign setup and uninstaller.
    Get-ChildItem "dist\harmony-desktop\*.exe" | ForEach-Object {
        $cmd = $SignCommand -replace '\$f', ('"' + $_.FullName + '"')
        cmd /c $cmd
        if ($LASTEXITCODE -ne 0) { throw "signing $($_.Name) failed" }
    }
    $isccArgs = @("/DSignTool", "/Sharmonysign=$SignCommand") + $isccArgs
}
& $Iscc @isccArgs
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-Item "dist\HarmonyDesktop-$numeric-setup.exe" | Format-List Name, Length
