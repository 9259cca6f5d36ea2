<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="39"/>
        <source>Class roster</source>
        <extracomment>The documents a site prints, in menu order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="40"/>
        <source>Sign-in / sign-out sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="41"/>
        <source>Paper roll sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="42"/>
        <source>Emergency contact sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="43"/>
        <source>No-photo list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="60"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="60"/>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="67"/>
        <source>Allergy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="69"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="352"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="378"/>
        <source>Medical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="71"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="350"/>
        <source>Custody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="84"/>
        <source>legal: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="108"/>
        <source>Unknown document {kind!r}; choose one of: {kinds}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="122"/>
        <source>Choose an ensemble (or a session) for this document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="135"/>
        <source>All ensembles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="140"/>
        <source>Teacher: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="154"/>
        <source>Printed {when} · Harmony Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="182"/>
        <source>{count} students enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="184"/>
        <source>(capacity {capacity})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="190"/>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="229"/>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="274"/>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="369"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="191"/>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="370"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="215"/>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="192"/>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="193"/>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="371"/>
        <source>Instrument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="194"/>
        <source>District ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="195"/>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="307"/>
        <source>Guardian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="196"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="354"/>
        <source>Walks home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="197"/>
        <source>Photo OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="198"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="215"/>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="202"/>
        <source>No student is enrolled in this ensemble on this date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="203"/>
        <source>Alerts: details are on the emergency contact sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="213"/>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="316"/>
        <source>May walk home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="215"/>
        <source>CUSTODY ALERT: check the emergency sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="230"/>
        <source>Time in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="231"/>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="233"/>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="232"/>
        <source>Time out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="234"/>
        <source>Early-release code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="235"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="241"/>
        <source>Early-release codes: {legend}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="243"/>
        <source>Staff signature: ______________________________   Name: ______________________   Date: ____________</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="270"/>
        <source>For when a laptop is not available: mark a code per date, enter it later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="275"/>
        <source>Gr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="282"/>
        <source>Codes: {codes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="283"/>
        <source>Teacher signature: ______________________________</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="296"/>
        <source>Born {date} (age {age})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="301"/>
        <source>Grade {grade}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="303"/>
        <source>Family language: {lang}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="309"/>
        <source>Emergency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="309"/>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="319"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="363"/>
        <source>Allergies: {notes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="321"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="365"/>
        <source>Medical: {notes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="325"/>
        <source>NO CONTACT ON FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="326"/>
        <source>None listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="333"/>
        <source>{count} students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="335"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="215"/>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="336"/>
        <source>Guardians and emergency contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="337"/>
        <source>Authorized pickups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="338"/>
        <source>Custody restrictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="339"/>
        <source>Allergies and medical notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="346"/>
        <source>CONFIDENTIAL: keep with staff at all times; never post or leave behind. Shred when replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="348"/>
        <source>No students.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="361"/>
        <source>{count} of {total} students have no photo consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="365"/>
        <source>Keep these students out of photos, video and live streams. Check before posting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="372"/>
        <source>Ensembles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="376"/>
        <source>Every student listed here has photo consent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/documents.py" line="410"/>
        <source>Page size must be Letter or A4, not {size!r}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/layout.py" line="231"/>
        <source>Page {n} of {total}</source>
        <extracomment>print the first line of each cell in bold (a name above its details) minimum row height in millimetres (room to sign or write a mark) if set, rows are sized so about this many fit on a page lines printed under the table on every page (legends, signature lines) a short warning printed in the header of every page (e.g. confidentiality)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/printing/layout.py" line="276"/>
        <source>{title} — page {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/app.py" line="59"/>
        <source>There is no hub in this database yet. Sync with the central server, or create a demo with: harmony-desktop demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="40"/>
        <source>Harmony Desktop main window</source>
        <extracomment>How often the pending-changes count is refreshed even without local writes (other pages, a sync) — the count is also refreshed shortly after every write.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="44"/>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="48"/>
        <source>Hub: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="49"/>
        <source>Hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="51"/>
        <source>Date shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="53"/>
        <source>Sync state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="55"/>
        <source>Status bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="65"/>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="215"/>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="67"/>
        <source>Roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="80"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="83"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="101"/>
        <source>last synced {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="101"/>
        <source>never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="103"/>
        <source>Sync: no changes waiting · {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="105"/>
        <source>Sync: 1 change to send · {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="107"/>
        <source>Sync: {count} changes to send · {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/main_window.py" line="113"/>
        <source>Date: {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="46"/>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="47"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="61"/>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="89"/>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="119"/>
        <source>{code}: {student}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="90"/>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="93"/>
        <source>Arrival time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="95"/>
        <source>&lt;b&gt;{student}&lt;/b&gt; arrived late.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="96"/>
        <source>Arrived at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="97"/>
        <source>Mark late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="120"/>
        <source>Early departure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="127"/>
        <source>Who may take this student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="138"/>
        <source>Departure time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="140"/>
        <source>Reason for leaving early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="145"/>
        <source>Left at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="146"/>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="237"/>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="148"/>
        <source>Mark left early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="157"/>
        <source>Custody restriction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="161"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="367"/>
        <source>May walk home alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="164"/>
        <source>May NOT walk home: release only to an authorized adult.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="167"/>
        <source>Authorized pickups:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="176"/>
        <source>No authorized pickup on file. Call the site lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="195"/>
        <source>Note for {student}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="196"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="215"/>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="877"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="198"/>
        <source>Note text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="201"/>
        <source>Note (kept with this mark, visible to staff):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="203"/>
        <source>Save note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="216"/>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="217"/>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="239"/>
        <source>Cancel session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="220"/>
        <source>Reason for cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="222"/>
        <source>Weather</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="222"/>
        <source>Venue unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="222"/>
        <source>Teacher absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="222"/>
        <source>Holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="227"/>
        <source>Choose or type a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="232"/>
        <source>Cancel &lt;b&gt;{session}&lt;/b&gt;? It will leave every attendance count. You can restore it later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="240"/>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="242"/>
        <source>Keep session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="256"/>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="257"/>
        <source>Add a session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="259"/>
        <source>Ensemble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="263"/>
        <source>Kind of session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="265"/>
        <source>Rehearsal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="266"/>
        <source>Performance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="267"/>
        <source>Masterclass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="271"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="272"/>
        <source>e.g. Winter concert at City Hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="275"/>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="233"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="278"/>
        <source>Start time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="281"/>
        <source>End time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="282"/>
        <source>Off-site (performance, visit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="283"/>
        <source>Off-site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="286"/>
        <source>Ensemble:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="287"/>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="288"/>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="289"/>
        <source>Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="290"/>
        <source>Starts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="291"/>
        <source>Ends:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/dialogs.py" line="294"/>
        <source>Add session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="40"/>
        <source>Missing roll</source>
        <extracomment>Custom roles shared by the models and their delegates.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="42"/>
        <source>Not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="43"/>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="44"/>
        <source>Roll taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="45"/>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="706"/>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="714"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="90"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="215"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="90"/>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="364"/>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="90"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="90"/>
        <source>Marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="108"/>
        <source>Cancelled: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="109"/>
        <source>{recorded} of {expected} students marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="215"/>
        <source>Mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="229"/>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="248"/>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="241"/>
        <source>Not recorded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="332"/>
        <source>arrived {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="334"/>
        <source>left {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="361"/>
        <source>Custody restriction: check before release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="369"/>
        <source>Must be picked up by an authorized adult.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="377"/>
        <source>Picked up by guardian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="379"/>
        <source>Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="380"/>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/models.py" line="381"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="228"/>
        <source>◀ Previous day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="228"/>
        <source>Previous day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="236"/>
        <source>Next day ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="236"/>
        <source>Next day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="238"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="238"/>
        <source>Go to today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="240"/>
        <source>Teacher:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="242"/>
        <source>Teacher taking roll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="246"/>
        <source>Add session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="246"/>
        <source>Add an ad-hoc session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="248"/>
        <source>Cancel session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="248"/>
        <source>Cancel this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="272"/>
        <source>Sessions missing roll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="279"/>
        <source>Open oldest missing roll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="296"/>
        <source>Day shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="304"/>
        <source>Sessions of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="313"/>
        <source>Session columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="319"/>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="320"/>
        <source>No sessions on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="330"/>
        <source>Choose a session to take roll.

Keyboard: ↑/↓ choose a session, Enter goes to its roll.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="335"/>
        <source>No session chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="370"/>
        <source>Roll progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="372"/>
        <source>Save status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="392"/>
        <source>Correcting a past roll: every change is recorded with your name and the time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="394"/>
        <source>Past roll notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="404"/>
        <source>Cancellation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="406"/>
        <source>Restore session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="406"/>
        <source>Restore cancelled session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="417"/>
        <source>Mark {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="419"/>
        <source>Mark the chosen student {label} (key {key} or {digit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="437"/>
        <source>Not recorded [Del]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="437"/>
        <source>Set back to not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="439"/>
        <source>Note… [N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="439"/>
        <source>Add a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="442"/>
        <source>Mark all remaining present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="445"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="445"/>
        <source>Undo last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="447"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="453"/>
        <source>Order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="455"/>
        <source>Order of the roll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="456"/>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="457"/>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="471"/>
        <source>Roll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="486"/>
        <source>Roll columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="487"/>
        <source>Row numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="503"/>
        <source>Keys: ↑/↓ or j/k move · {codes} mark and move on · Del not recorded · N note · Ctrl+Z undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="506"/>
        <source>Keyboard help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="529"/>
        <source>(no staff set up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="588"/>
        <source>Today, {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="610"/>
        <source>Could not load the day: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="648"/>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="712"/>
        <source>Loading the roll…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="675"/>
        <source>Could not open the roll: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="716"/>
        <source>Roll taken: all {total} marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="719"/>
        <source>{recorded} of {total} marked · {left} not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="736"/>
        <source>⚠ {count} past sessions are missing roll:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="738"/>
        <source>⚠ 1 past session is missing roll:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="741"/>
        <source>and {count} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="838"/>
        <source>Mark {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="856"/>
        <source>Clear mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="907"/>
        <source>Mark {count} present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="949"/>
        <location filename="../../src/harmony_desktop/ui/register/page.py" line="1059"/>
        <source>✓ Saved at {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="66"/>
        <source>Guardian</source>
        <extracomment>any field changed the user asked to remove this contact</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="67"/>
        <source>Emergency contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="68"/>
        <source>Authorized pickup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="73"/>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="101"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="74"/>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="75"/>
        <source>mother, grandfather, neighbour…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="76"/>
        <source>(323) 555-0100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="77"/>
        <source>Empty if none. e.g. &quot;No contact with father&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="79"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="79"/>
        <source>Relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="80"/>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="80"/>
        <source>Other phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="81"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="81"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="97"/>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="100"/>
        <source>Custody restriction</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrollmentPanel</name>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="84"/>
        <source>Ensemble</source>
        <extracomment>enrollments changed (the roster should reload)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="84"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="84"/>
        <source>Applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="84"/>
        <source>Waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="85"/>
        <source>Enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="85"/>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="87"/>
        <source>Enrollments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="95"/>
        <source>Enrollment history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="99"/>
        <source>Ensemble to enroll in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="105"/>
        <source>Date of the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="109"/>
        <source>Waitlist priority: lower is offered a place first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="110"/>
        <source>Waitlist priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="111"/>
        <source>Enroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="112"/>
        <source>Add to waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="114"/>
        <source>Reason for withdrawing (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="115"/>
        <source>Withdrawal reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="116"/>
        <source>Withdraw selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="124"/>
        <source>Enrollment messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="128"/>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="131"/>
        <source>priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="139"/>
        <source>History of the selected enrollment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="195"/>
        <source>Enrolled in {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="201"/>
        <source>Added to the waitlist of {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="208"/>
        <source>Select the enrollment to withdraw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="212"/>
        <source>Withdrawn.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="54"/>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="119"/>
        <source>Import students</source>
        <extracomment>the import was written (its report) a dry run finished (its report) the file was read</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="62"/>
        <source>Choose a CSV or Excel file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="63"/>
        <source>Choose file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="64"/>
        <source>No file chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="65"/>
        <source>Chosen file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="68"/>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="68"/>
        <source>Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="68"/>
        <source>Goes into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="70"/>
        <source>Column mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="72"/>
        <source>1. Check (dry run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="73"/>
        <source>Check the import (dry run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="74"/>
        <source>2. Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="75"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="78"/>
        <source>Import summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="80"/>
        <source>Rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="81"/>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="82"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="97"/>
        <source>Check where each column goes. Columns set to &quot;(ignore)&quot; are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="102"/>
        <source>Rejected rows (line number: reason)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="119"/>
        <source>Spreadsheets (*.csv *.xlsx *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="126"/>
        <source>Reading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="134"/>
        <source>{name}: {rows} rows ({encoding})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="140"/>
        <source>(ignore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="153"/>
        <source>Field for column {header}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="189"/>
        <source>Check the mapping, then run the dry run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="207"/>
        <source>Dry run: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="216"/>
        <source>line {line}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="235"/>
        <source>Imported: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/import_dialog.py" line="247"/>
        <source>The import failed and nothing was changed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="70"/>
        <source>Roster</source>
        <extracomment>the roster was (re)loaded: number of students</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="74"/>
        <source>Search by name, district id, ensemble, instrument, grade or status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="77"/>
        <source>Search the roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="78"/>
        <source>Show archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="79"/>
        <source>Show archived students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="81"/>
        <source>Number of students shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="86"/>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="102"/>
        <source>New student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="103"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="104"/>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="251"/>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="105"/>
        <source>Waitlists…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="106"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="108"/>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="326"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="112"/>
        <source>Roster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="113"/>
        <source>Contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="114"/>
        <source>Attendance…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="119"/>
        <source>Ensemble to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="121"/>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="136"/>
        <source>Roster messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="148"/>
        <source>Print for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="180"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="197"/>
        <source>All ensembles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="211"/>
        <source>{total} students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="213"/>
        <source>{shown} of {total} students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="251"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="288"/>
        <source>{name} is active again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="292"/>
        <source>Archive student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="294"/>
        <source>Archive {name}? They leave rolls and printouts; their records are kept and you can restore them from &quot;Show archived&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="301"/>
        <source>{name} is archived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="328"/>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/page.py" line="337"/>
        <source>{count} rows exported to {name}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="37"/>
        <source>Name</source>
        <extracomment>the student id of a row</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="38"/>
        <source>Preferred name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="39"/>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="40"/>
        <source>District ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="41"/>
        <source>Ensembles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="42"/>
        <source>Instrument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="43"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="152"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="153"/>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/model.py" line="154"/>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentDialog</name>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="170"/>
        <source>New student</source>
        <extracomment>the student was saved (id)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="172"/>
        <source>Student: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="179"/>
        <source>Student form sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="180"/>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="181"/>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="309"/>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="185"/>
        <source>Enrollment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="189"/>
        <source>Form messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="193"/>
        <source>Possible duplicate warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="197"/>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="444"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="199"/>
        <source>Save student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="201"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="223"/>
        <source>YYYY-MM-DD or MM/DD/YYYY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="225"/>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="237"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="238"/>
        <source>Inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="239"/>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="249"/>
        <source>Photo consent given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="251"/>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="274"/>
        <source>May walk home alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="254"/>
        <source>Legal first name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="255"/>
        <source>Legal last name *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="256"/>
        <source>Preferred name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="257"/>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="258"/>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="259"/>
        <source>School</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="260"/>
        <source>District student id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="261"/>
        <source>Home language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="262"/>
        <source>Guardian&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="263"/>
        <source>Instrument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="264"/>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="265"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="266"/>
        <source>Allergies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="267"/>
        <source>Medical notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="268"/>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="270"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="301"/>
        <source>At least two contacts: a guardian and an emergency contact. Tick who may pick the student up, and write any custody restriction staff must know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="315"/>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="316"/>
        <source>Add contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="335"/>
        <source>Contact {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="361"/>
        <source>{text!r} is not a date. Write the date of birth as YYYY-MM-DD (e.g. 2014-03-05).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="404"/>
        <source>{contact}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="417"/>
        <source>Only {n} contact: add a second one (an emergency contact) so staff can always reach someone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="497"/>
        <source>This may be a student already on the roster (same name and date of birth, or same guardian phone):
{list}
Open that student instead, or click &quot;Save anyway&quot; if this really is another child.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/student_dialog.py" line="504"/>
        <source>Save anyway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="254"/>
        <source>Waitlists</source>
        <extracomment>someone was enrolled from the waitlist</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="259"/>
        <source>Ensemble</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="265"/>
        <source>Enrollment date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="267"/>
        <source>Places taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="270"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="270"/>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="270"/>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="270"/>
        <source>Waitlisted on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="272"/>
        <source>Waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="276"/>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="277"/>
        <source>Enroll next from waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="280"/>
        <source>Waitlist messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="282"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="286"/>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="308"/>
        <source>{taken} of {capacity} places taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/harmony_desktop/ui/roster/enrollment_panel.py" line="339"/>
        <source>{name} is enrolled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
