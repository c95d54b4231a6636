; Inno Setup 6.3+ script for Fieldwork on Windows (x64).
;
; Build the bundle first (on Windows, from the repository root):
;   .venv\Scripts\python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\fieldwork.spec
; then the installer:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\windows\fieldwork.iss
; which writes dist\fieldwork-VERSION-windows-x64-setup.exe.
;
; Installs for the current user by default (no administrator rights), into
; %LOCALAPPDATA%\Programs\Fieldwork; IT can install for everyone with /ALLUSERS, silently with
; /VERYSILENT /SUPPRESSMSGBOXES. Notebooks, settings, backups and remembered keys live in the
; user's Documents, %APPDATA%\Fieldwork and Windows Credential Manager, never in the program
; folder, so uninstalling or upgrading leaves them alone.

#define AppName "Fieldwork"
#define BundleDir "..\..\dist\Fieldwork"
#define MainExe "Fieldwork.exe"
; The version comes from the program itself (the spec writes it into the version resource).
#define AppVersion GetStringFileInfo(BundleDir + "\" + MainExe, "ProductVersion")
#if AppVersion == ""
  #error "dist\Fieldwork\Fieldwork.exe is missing or has no version: build the bundle first."
#endif

[Setup]
; The AppId is the upgrade code: it must never change, or an upgrade would install a second copy.
AppId={{020B1532-D99F-4A5C-B26A-0CA78B408C55}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Fieldwork
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\..\dist
OutputBaseFilename=fieldwork-{#AppVersion}-windows-x64-setup
UninstallDisplayIcon={app}\{#MainExe}
UninstallDisplayName={#AppName}
; Close a running Fieldwork before replacing its files (it saves as it goes).
CloseApplications=yes
RestartApplications=no
#if FileExists("..\..\resources\icons\fieldwork.ico")
SetupIconFile=..\..\resources\icons\fieldwork.ico
#endif
; Code signing: define a sign tool in the Inno Setup IDE (Tools > Configure Sign Tools) named
; "fieldworksign", e.g.  signtool sign /fd sha256 /tr http://timestamp.example /td sha256 /a $f
; and uncomment the next line, so the installer and uninstaller are signed too.
; SignTool=fieldworksign

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder's libraries: files the old version had and the new
; one does not (an older Qt, say) must not be left to be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#MainExe}"; Comment: "Encrypted notebook for inspections"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#MainExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#MainExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the uninstaller removes only what it installed.
