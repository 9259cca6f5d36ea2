; Harmony Desktop: Inno Setup script (Inno Setup 6.3 or newer).
;
; A template: the build gives it the version, so nothing here changes for a release.
;   installer\windows\build.ps1                    PyInstaller, self-test, then this
;   iscc /DAppVersion=0.1.0 installer\windows\harmony-desktop.iss
;
; Installs for the current user only (no administrator rights: site laptops are often
; locked down), into %LOCALAPPDATA%\Programs\Harmony Desktop, with a Start-menu entry,
; then runs the app's self-test and says so if it fails.
; Uninstalling removes the program and leaves the user's data (the register database,
; its backups and logs in %LOCALAPPDATA%\HarmonyDesktop) unless the user asks to delete
; it, or a silent uninstall is given /PURGE.

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=X.Y.Z (installer\windows\build.ps1 reads it from the package)
#endif
#ifndef SourceDir
  ; The one-folder app that build.spec makes.
  #define SourceDir "..\..\dist\harmony-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "Harmony Desktop"
#define AppExeName "HarmonyDesktop.exe"
#define AppPublisher "Harmony Desktop"
; harmony_desktop.paths: platformdirs puts data and logs in %LOCALAPPDATA%\<author>\<app>,
; with author "HarmonyDesktop".
#define DataFolder "HarmonyDesktop"

[Setup]
; NEVER change AppId: Windows finds the installed app by it, for upgrades and uninstall.
AppId={{53F72BA8-2C54-4E78-8D27-5BADB962DB38}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
; Per user, no administrator rights: {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=HarmonyDesktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\harmony-desktop.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running copy before replacing its files (an upgrade during a lunch break).
CloseApplications=yes
RestartApplications=no
; Signing: build.ps1 passes /S"harmonysign=signtool sign ..." when a certificate is set up.
#ifdef SignTool
SignTool=harmonysign
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[CustomMessages]
english.RemoveDataPrompt=Also delete the rosters, attendance records and backups stored on this computer?%n%nAttendance not yet synced to the central server would be lost. Choose No to keep them (recommended): reinstalling the app finds them again.
english.SelfTestFailed=Harmony Desktop was installed, but its self-test failed on this computer. Please send this to your programme's support contact:
spanish.SelfTestFailed=Harmony Desktop se instaló, pero su autocomprobación falló en este equipo. Envíe esto al contacto de soporte de su programa:
spanish.RemoveDataPrompt=¿Borrar también las listas, los registros de asistencia y las copias de seguridad guardados en este equipo?%n%nLa asistencia que aún no se haya sincronizado con el servidor central se perdería. Elija No para conservarlos (recomendado): al reinstalar la aplicación los encontrará de nuevo.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program folder whole, so no file of an older build lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "Take roll and keep rosters, offline"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[Code]
var
  RemoveUserData: Boolean;

function UserDataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

function CommandLineHas(const Switch: String): Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), Switch) = 0 then
      Result := True;
end;

// After installing, prove the app works here: the console twin runs the self-test in a
// temporary folder (never the user's data) and headless. A failure does not undo the
// installation; it tells the user what to send to support (or goes to the setup log).
procedure CurStepChanged(CurStep: TSetupStep);
var
  ResultCode: Integer;
  Report: AnsiString;
  ReportFile: String;
begin
  if CurStep <> ssPostInstall then
    Exit;
  ReportFile := ExpandConstant('{tmp}\self-test.txt');
  if not Exec(ExpandConstant('{cmd}'),
      '/C ""' + ExpandConstant('{app}\harmony-desktop-cli.exe') + '" --self-test > "' +
      ReportFile + '" 2>&1"', '', SW_HIDE, ewWaitUntilTerminated, ResultCode) then
    ResultCode := -1;
  if ResultCode = 0 then
    Exit;
  if not LoadStringFromFile(ReportFile, Report) then
    Report := 'exit code ' + IntToStr(ResultCode);
  Log('Self-test failed: ' + String(Report));
  if not WizardSilent() then
    MsgBox(CustomMessage('SelfTestFailed') + #13#10#13#10 + String(Report), mbError, MB_OK);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    RemoveUserData := False;
    if DirExists(UserDataDir()) then
    begin
      if UninstallSilent() then
        RemoveUserData := CommandLineHas('/PURGE')
      else
        RemoveUserData := MsgBox(CustomMessage('RemoveDataPrompt'), mbConfirmation,
          MB_YESNO or MB_DEFBUTTON2) = IDYES;
    end;
  end;
  if (CurUninstallStep = usPostUninstall) and RemoveUserData then
    DelTree(UserDataDir(), True, True, True);
end;
