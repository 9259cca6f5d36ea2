<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name></name>
    <message>
        <source>Class roster</source>
        <translation>Lista de la clase</translation>
    </message>
    <message>
        <source>Sign-in / sign-out sheet</source>
        <translation>Hoja de entrada y salida</translation>
    </message>
    <message>
        <source>Paper roll sheet</source>
        <translation>Hoja de asistencia en papel</translation>
    </message>
    <message>
        <source>Emergency contact sheet</source>
        <translation>Hoja de contactos de emergencia</translation>
    </message>
    <message>
        <source>No-photo list</source>
        <translation>Lista de estudiantes sin fotos</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Allergy</source>
        <translation>Alergia</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>Médico</translation>
    </message>
    <message>
        <source>Custody</source>
        <translation>Custodia</translation>
    </message>
    <message>
        <source>may walk home</source>
        <translation>puede irse caminando</translation>
    </message>
    <message>
        <source>no pickup on file</source>
        <translation>nadie autorizado para recoger</translation>
    </message>
    <message>
        <source>SEE SITE LEAD</source>
        <translation>VER AL COORDINADOR(A)</translation>
    </message>
    <message>
        <source>{ensemble} does not meet on {day} ({schedule}).</source>
        <translation>{ensemble} no se reúne el {day} ({schedule}).</translation>
    </message>
    <message>
        <source>Next meetings: {days}.</source>
        <translation>Próximas reuniones: {days}.</translation>
    </message>
    <message>
        <source>It has no meeting in the next five weeks.</source>
        <translation>No tiene reuniones en las próximas cinco semanas.</translation>
    </message>
    <message>
        <source>No student is enrolled at this hub.</source>
        <translation>Ningún estudiante está inscrito en esta sede.</translation>
    </message>
    <message>
        <source>legal: {name}</source>
        <translation>legal: {name}</translation>
    </message>
    <message>
        <source>Unknown document {kind!r}; choose one of: {kinds}</source>
        <translation>Documento desconocido {kind!r}; elija uno de: {kinds}</translation>
    </message>
    <message>
        <source>Choose an ensemble (or a session) for this document.</source>
        <translation>Elija un conjunto (o una sesión) para este documento.</translation>
    </message>
    <message>
        <source>All ensembles</source>
        <translation>Todos los conjuntos</translation>
    </message>
    <message>
        <source>Teacher: {name}</source>
        <translation>Maestro(a): {name}</translation>
    </message>
    <message>
        <source>Printed {when} · Harmony Desktop</source>
        <translation>Impreso {when} · Harmony Desktop</translation>
    </message>
    <message>
        <source>No student is enrolled in {ensemble} yet on {day}: its students are enrolled from {first}. Print the sheet for {first} or later to list them; the lines below are for walk-ins.</source>
        <translation>Ningún estudiante está inscrito en {ensemble} todavía el {day}: sus estudiantes están inscritos desde el {first}. Imprima la hoja del {first} o de después para que aparezcan; las líneas de abajo son para quienes lleguen sin inscripción.</translation>
    </message>
    <message>
        <source>No student is enrolled in {ensemble} on {day}. Enroll students in the Roster tab; the lines below are for walk-ins.</source>
        <translation>Ningún estudiante está inscrito en {ensemble} el {day}. Inscriba estudiantes en la pestaña Lista; las líneas de abajo son para quienes lleguen sin inscripción.</translation>
    </message>
    <message numerus="yes">
        <source>%n student(s)</source>
        <translation>
            <numerusform>%n estudiante</numerusform>
            <numerusform>%n estudiantes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} student(s) have no photo consent.</source>
        <translation>
            <numerusform>%n de {total} estudiantes no tiene permiso para fotos.</numerusform>
            <numerusform>%n de {total} estudiantes no tienen permiso para fotos.</numerusform>
        </translation>
    </message>
    <message>
        <source>(capacity {capacity})</source>
        <translation>(cupo {capacity})</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Edad</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>District ID</source>
        <translation>ID del distrito</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor(a)</translation>
    </message>
    <message>
        <source>Walks home</source>
        <translation>Camina a casa</translation>
    </message>
    <message>
        <source>Photo OK</source>
        <translation>Permite fotos</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <source>No student is enrolled in this ensemble on this date.</source>
        <translation>Ningún estudiante está inscrito en este conjunto en esta fecha.</translation>
    </message>
    <message>
        <source>Alerts: details are on the emergency contact sheet.</source>
        <translation>Alertas: los detalles están en la hoja de contactos de emergencia.</translation>
    </message>
    <message>
        <source>May be collected by</source>
        <translation>Lo pueden recoger</translation>
    </message>
    <message>
        <source>Collected by (name and signature)</source>
        <translation>Lo recogió (nombre y firma)</translation>
    </message>
    <message>
        <source>Release a student only to an adult named for them, or let them walk home where it says so. Anyone else, or SEE SITE LEAD: ask the site lead.</source>
        <translation>Entregue al estudiante solo a un adulto indicado para él, o déjelo irse caminando donde así se indique. Cualquier otra persona, o VER AL COORDINADOR(A): consulte al coordinador(a) de sede.</translation>
    </message>
    <message>
        <source>May walk home</source>
        <translation>Puede irse caminando</translation>
    </message>
    <message>
        <source>Time in</source>
        <translation>Hora de entrada</translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) enrolled</source>
        <translation>
            <numerusform>%n estudiante inscrito</numerusform>
            <numerusform>%n estudiantes inscritos</numerusform>
        </translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Time out</source>
        <translation>Hora de salida</translation>
    </message>
    <message>
        <source>Early-release code</source>
        <translation>Código de salida temprana</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <extracomment>the dates and times of day of the form, read whole before anything is stored</extracomment>
        <translation>Qué está mal</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Empieza</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Termina</translation>
    </message>
    <message>
        <source>New family event</source>
        <translation>Nuevo evento familiar</translation>
    </message>
    <message>
        <source>Family night, parent workshop…</source>
        <translation>Noche familiar, taller para padres…</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>New masterclass</source>
        <translation>Nueva clase magistral</translation>
    </message>
    <message>
        <source>Host ensemble</source>
        <translation>Conjunto anfitrión</translation>
    </message>
    <message>
        <source>Guest artist</source>
        <translation>Artista invitado(a)</translation>
    </message>
    <message>
        <source>Also invite</source>
        <translation>Invitar también</translation>
    </message>
    <message>
        <source>At the hub</source>
        <translation>En la sede</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>En el lugar</translation>
    </message>
    <message>
        <source>New performance</source>
        <translation>Nueva presentación</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>Público</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>no se cuenta</translation>
    </message>
    <message>
        <source>Add a walk-in</source>
        <translation>Agregar una persona sin inscripción</translation>
    </message>
    <message>
        <source>grandmother, uncle, neighbour…</source>
        <translation>abuela, tío, vecina…</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>Type to find a student</source>
        <translation>Escriba para buscar un estudiante</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>For students</source>
        <translation>Para estudiantes</translation>
    </message>
    <message>
        <source>Early-release codes: {legend}</source>
        <translation>Códigos de salida temprana: {legend}</translation>
    </message>
    <message>
        <source>Staff signature: ______________________________   Name: ______________________   Date: ____________</source>
        <translation>Firma del personal: ___________________________   Nombre: ______________________   Fecha: ____________</translation>
    </message>
    <message>
        <source>For when a laptop is not available: mark a code per date, enter it later.</source>
        <translation>Si no hay computadora: marque un código por fecha y regístrelo después.</translation>
    </message>
    <message>
        <source>Gr.</source>
        <translation>Gr.</translation>
    </message>
    <message>
        <source>Codes: {codes}</source>
        <translation>Códigos: {codes}</translation>
    </message>
    <message>
        <source>Teacher signature: ______________________________</source>
        <translation>Firma del maestro(a): ______________________________</translation>
    </message>
    <message>
        <source>Born {date} (age {age})</source>
        <translation>Nació el {date} ({age} años)</translation>
    </message>
    <message>
        <source>Grade {grade}</source>
        <translation>Grado {grade}</translation>
    </message>
    <message>
        <source>Family language: {lang}</source>
        <translation>Idioma de la familia: {lang}</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>Emergencia</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Allergies: {notes}</source>
        <translation>Alergias: {notes}</translation>
    </message>
    <message>
        <source>Medical: {notes}</source>
        <translation>Médico: {notes}</translation>
    </message>
    <message>
        <source>NO CONTACT ON FILE</source>
        <translation>NO HAY CONTACTO REGISTRADO</translation>
    </message>
    <message>
        <source>None listed</source>
        <translation>Nadie registrado</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Guardians and emergency contacts</source>
        <translation>Tutores y contactos de emergencia</translation>
    </message>
    <message>
        <source>Authorized pickups</source>
        <translation>Autorizados para recoger</translation>
    </message>
    <message>
        <source>Custody restrictions</source>
        <translation>Restricciones de custodia</translation>
    </message>
    <message>
        <source>Allergies and medical notes</source>
        <translation>Alergias y notas médicas</translation>
    </message>
    <message>
        <source>CONFIDENTIAL: keep with staff at all times; never post or leave behind. Shred when replaced.</source>
        <translation>CONFIDENCIAL: el personal debe tenerla siempre consigo; nunca la publique ni la deje olvidada. Destrúyala cuando la reemplace.</translation>
    </message>
    <message>
        <source>Keep these students out of photos, video and live streams. Check before posting.</source>
        <translation>No incluya a estos estudiantes en fotos, videos ni transmisiones en vivo. Revise antes de publicar.</translation>
    </message>
    <message>
        <source>Ensembles</source>
        <translation>Conjuntos</translation>
    </message>
    <message>
        <source>Every student listed here has photo consent.</source>
        <translation>Todos los estudiantes de esta lista tienen permiso para fotos.</translation>
    </message>
    <message>
        <source>Page size must be Letter or A4, not {size!r}.</source>
        <translation>El tamaño de página debe ser Letter o A4, no {size!r}.</translation>
    </message>
    <message>
        <source>Page {n} of {total}</source>
        <extracomment>print the first line of each cell in bold (a name above its details) minimum row height in millimetres (room to sign or write a mark) if set, rows are sized so about this many fit on a page lines printed under the table on every page (legends, signature lines) a short warning printed in the header of every page (e.g. confidentiality) the last rows are optional blank lines: printed only where the last page has room share the rows out evenly over the pages (no last page with two lonely rows) a column whose every cell is blank is room to write in (a signature, a mark) and keeps its width; False: it holds nothing to read (a report&apos;s column nobody filled in) and narrows to its title laid out slightly tighter (:data:`TIGHTER`) when that takes a page fewer</extracomment>
        <translation>Página {n} de {total}</translation>
    </message>
    <message>
        <source>{title} — page {n} of {total}</source>
        <translation>{title} — página {n} de {total}</translation>
    </message>
    <message>
        <source>Harmony Desktop main window</source>
        <extracomment>How often the window looks whether this computer&apos;s day has moved on, in milliseconds.</extracomment>
        <translation>Ventana principal de Harmony Desktop</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Hub: {name}</source>
        <translation>Sede: {name}</translation>
    </message>
    <message>
        <source>Hub</source>
        <extracomment>archived staff of the hub (id → name): offered only to the ensemble they teach items of the teacher box before an archived teacher&apos;s (the empty choice too)</extracomment>
        <translation>Sede</translation>
    </message>
    <message>
        <source>Date shown</source>
        <translation>Fecha mostrada</translation>
    </message>
    <message>
        <source>Status bar</source>
        <translation>Barra de estado</translation>
    </message>
    <message>
        <source>Register</source>
        <extracomment>The roll&apos;s rows kept in sight on a short screen before the volunteers get two rows. False while the page shows the window&apos;s first paint (``first``): the services are still opening, and :meth:`attach` completes the page. the day shown has no session and the hub&apos;s set-up was not read (first paint) this computer&apos;s clock is behind what the register recorded (None: it is not, or not known yet); marks on &quot;today&quot; are then asked about once this computer&apos;s clock is ahead of what the sync server last vouched for (None: it is not, nothing can say, or it is behind) this computer&apos;s date went certainly wrong while the register was open on a day it trusted (None: it did not, or was set right again): the register keeps its day, the band says so, and the window does not open again on the wrong date a comparison of the clock has answered (before, opening a roll compares it itself before storing a session dated &quot;today&quot;) the one question before a write on that wrong &quot;today&quot; (shared with the volunteers below the roll and the events page)</extracomment>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Switch hub</source>
        <extracomment>File ▸ Switch hub</extracomment>
        <translation>Cambiar de sede</translation>
    </message>
    <message>
        <source>Hubs</source>
        <translation>Sedes</translation>
    </message>
    <message>
        <source>&amp;Hub to show (↑/↓, Enter):</source>
        <translation>&amp;Sede que mostrar (↑/↓, Intro):</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>Cambiar</translation>
    </message>
    <message>
        <source>S&amp;witch hub…</source>
        <translation>Cambiar de s&amp;ede…</translation>
    </message>
    <message>
        <source>Show another hub of this laptop</source>
        <translation>Mostrar otra sede de esta computadora</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Programme set-up…</source>
        <translation>&amp;Configuración del programa…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Restaurar desde un respaldo…</translation>
    </message>
    <message>
        <source>Put back one of the daily backups, or a copy from another computer</source>
        <translation>Volver a poner uno de los respaldos diarios, o una copia de otra computadora</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <extracomment>this computer&apos;s date at the last load the day the clearances were judged on at the last load: :attr:`today`, or the newest day the register recorded when this computer&apos;s date is certainly wrong</extracomment>
        <translation>Voluntarios</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>&amp;Configuración</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>A new day: the register now shows today, {day}. Every mark is saved.</source>
        <translation>Es un nuevo día: el registro muestra ahora el de hoy, {day}. Todas las marcas están guardadas.</translation>
    </message>
    <message>
        <source>Date: {date}</source>
        <translation>Fecha: {date}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Time check</source>
        <translation>Revisión de la hora</translation>
    </message>
    <message>
        <source>{time} is outside the session ({start}–{end}). Press Enter again to keep it, or correct the time.</source>
        <translation>{time} está fuera de la sesión ({start}–{end}). Pulse Intro otra vez para conservarla, o corrija la hora.</translation>
    </message>
    <message>
        <source>{code}: {student}</source>
        <translation>{code}: {student}</translation>
    </message>
    <message>
        <source>Arrival time</source>
        <translation>Hora de llegada</translation>
    </message>
    <message>
        <source>&lt;b&gt;{student}&lt;/b&gt; arrived late.</source>
        <translation>&lt;b&gt;{student}&lt;/b&gt; llegó tarde.</translation>
    </message>
    <message>
        <source>Sign out: {volunteer}</source>
        <translation>Salida: {volunteer}</translation>
    </message>
    <message>
        <source>Sign in: {volunteer}</source>
        <translation>Entrada: {volunteer}</translation>
    </message>
    <message>
        <source>Volunteer sign-out time</source>
        <translation>Hora de salida del voluntario(a)</translation>
    </message>
    <message>
        <source>Volunteer sign-in time</source>
        <translation>Hora de entrada del voluntario(a)</translation>
    </message>
    <message>
        <source>When did &lt;b&gt;{volunteer}&lt;/b&gt; leave?</source>
        <translation>¿A qué hora se fue &lt;b&gt;{volunteer}&lt;/b&gt;?</translation>
    </message>
    <message>
        <source>When did &lt;b&gt;{volunteer}&lt;/b&gt; arrive?</source>
        <translation>¿A qué hora llegó &lt;b&gt;{volunteer}&lt;/b&gt;?</translation>
    </message>
    <message>
        <source>Signed &amp;out at:</source>
        <translation>Salió &amp;a las:</translation>
    </message>
    <message>
        <source>Signed &amp;in at:</source>
        <translation>&amp;Llegó a las:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Registrar entrada</translation>
    </message>
    <message>
        <source>{volunteer} signed in at {time}: they cannot sign out before that.</source>
        <translation>{volunteer} registró su entrada a las {time}: no puede registrar la salida antes de esa hora.</translation>
    </message>
    <message>
        <source>Early departure</source>
        <translation>Salida temprana</translation>
    </message>
    <message>
        <source>Who may take this student</source>
        <translation>Quién puede llevarse a este estudiante</translation>
    </message>
    <message>
        <source>&amp;Collected by (↓/↑ or a digit):</source>
        <translation>&amp;Lo recogió (↓/↑ o un dígito):</translation>
    </message>
    <message>
        <source>Collected by</source>
        <translation>Lo recogió</translation>
    </message>
    <message>
        <source>Walked home alone</source>
        <translation>Se fue caminando solo(a) a casa</translation>
    </message>
    <message>
        <source>Someone else (site lead must confirm)…</source>
        <translation>Otra persona (el coordinador(a) de sede debe confirmar)…</translation>
    </message>
    <message>
        <source>Custody alert</source>
        <translation>Alerta de custodia</translation>
    </message>
    <message>
        <source>Name of the adult collecting</source>
        <translation>Nombre del adulto que lo recoge</translation>
    </message>
    <message>
        <source>Full name, as on their ID</source>
        <translation>Nombre completo, como aparece en su identificación</translation>
    </message>
    <message>
        <source>Site lead confirming</source>
        <translation>Coordinador(a) de sede que confirma</translation>
    </message>
    <message>
        <source>(no site lead set up)</source>
        <translation>(no hay coordinador(a) de sede registrado)</translation>
    </message>
    <message>
        <source>The site lead has checked their &amp;ID and confirms</source>
        <translation>El coordinador(a) de sede re&amp;visó su identificación y confirma</translation>
    </message>
    <message>
        <source>A&amp;dult:</source>
        <translation>A&amp;dulto:</translation>
    </message>
    <message>
        <source>Si&amp;te lead:</source>
        <translation>Coordinador(a) de &amp;sede:</translation>
    </message>
    <message>
        <source>Site lead confirms the release</source>
        <translation>El coordinador(a) de sede confirma la entrega</translation>
    </message>
    <message>
        <source>Site lead:</source>
        <translation>Coordinador(a) de sede:</translation>
    </message>
    <message>
        <source>Not an authorised pickup.</source>
        <translation>No está autorizado para recogerlo.</translation>
    </message>
    <message>
        <source>Do not release the student until a site lead has confirmed.</source>
        <translation>No entregue al estudiante hasta que un coordinador(a) de sede lo confirme.</translation>
    </message>
    <message>
        <source>Choose who collected the student.</source>
        <translation>Elija quién recogió al estudiante.</translation>
    </message>
    <message>
        <source>Type the name of the adult collecting the student.</source>
        <translation>Escriba el nombre del adulto que recoge al estudiante.</translation>
    </message>
    <message>
        <source>No site lead is set up: the student cannot leave with this adult.</source>
        <translation>No hay coordinador(a) de sede registrado: el estudiante no puede irse con este adulto.</translation>
    </message>
    <message>
        <source>A site lead must confirm before the student leaves with this adult.</source>
        <translation>Un coordinador(a) de sede debe confirmar antes de que el estudiante se vaya con este adulto.</translation>
    </message>
    <message>
        <source>Departure time</source>
        <translation>Hora de salida</translation>
    </message>
    <message>
        <source>Reason for leaving early</source>
        <translation>Motivo de la salida temprana</translation>
    </message>
    <message>
        <source>Custody restriction</source>
        <extracomment>list rows that are not an authorised adult</extracomment>
        <translation>Restricción de custodia</translation>
    </message>
    <message>
        <source>May walk home alone.</source>
        <translation>Puede irse caminando solo(a) a casa.</translation>
    </message>
    <message>
        <source>May NOT walk home: release only to an authorized adult.</source>
        <translation>NO puede irse caminando: entréguelo solo a un adulto autorizado.</translation>
    </message>
    <message>
        <source>No authorized pickup on file. Call the site lead.</source>
        <translation>No hay nadie autorizado para recoger. Llame al coordinador(a) de la sede.</translation>
    </message>
    <message>
        <source>Note for {student}</source>
        <translation>Nota sobre {student}</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>The student arrived at {time}: they cannot leave before that.</source>
        <translation>El estudiante llegó a las {time}: no puede salir antes de esa hora.</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Texto de la nota</translation>
    </message>
    <message>
        <source>Cancel session</source>
        <translation>Cancelar sesión</translation>
    </message>
    <message>
        <source>Reason for cancelling</source>
        <translation>Motivo de la cancelación</translation>
    </message>
    <message>
        <source>Weather</source>
        <translation>Clima</translation>
    </message>
    <message>
        <source>Venue unavailable</source>
        <translation>Lugar no disponible</translation>
    </message>
    <message>
        <source>Teacher absent</source>
        <translation>Maestro(a) ausente</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>Día festivo</translation>
    </message>
    <message>
        <source>Choose or type a reason</source>
        <translation>Elija o escriba un motivo</translation>
    </message>
    <message>
        <source>Cancel &lt;b&gt;{session}&lt;/b&gt;? It will leave every attendance count. You can restore it later.</source>
        <translation>¿Cancelar &lt;b&gt;{session}&lt;/b&gt;? Dejará de contar en la asistencia. Puede restaurarla más tarde.</translation>
    </message>
    <message>
        <source>&amp;Cancel session</source>
        <translation>&amp;Cancelar sesión</translation>
    </message>
    <message>
        <source>&amp;Keep session</source>
        <translation>Conservar &amp;sesión</translation>
    </message>
    <message>
        <source>Keep session</source>
        <translation>Conservar sesión</translation>
    </message>
    <message>
        <source>Add a session</source>
        <translation>Agregar una sesión</translation>
    </message>
    <message>
        <source>&amp;Off-site (performance, visit)</source>
        <translation>Fuera de la &amp;sede (presentación, visita)</translation>
    </message>
    <message>
        <source>&amp;Ensemble:</source>
        <translation>C&amp;onjunto:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Título:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Fecha:</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>E&amp;mpieza:</translation>
    </message>
    <message>
        <source>E&amp;nds:</source>
        <translation>Te&amp;rmina:</translation>
    </message>
    <message>
        <source>&amp;Add session</source>
        <translation>&amp;Agregar sesión</translation>
    </message>
    <message>
        <source>Ensemble</source>
        <translation>Conjunto</translation>
    </message>
    <message>
        <source>Kind of session</source>
        <translation>Tipo de sesión</translation>
    </message>
    <message>
        <source>Rehearsal</source>
        <translation>Ensayo</translation>
    </message>
    <message numerus="yes">
        <source>{present}/{expected} present · {guest}</source>
        <translation>
            <numerusform>{present}/{expected} presente · {guest}</numerusform>
            <numerusform>{present}/{expected} presentes · {guest}</numerusform>
        </translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Presentación</translation>
    </message>
    <message>
        <source>{families} · {adults}</source>
        <translation>{families} · {adults}</translation>
    </message>
    <message numerus="yes">
        <source>%n family(ies)</source>
        <translation>
            <numerusform>%n familia</numerusform>
            <numerusform>%n familias</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n adult(s)</source>
        <translation>
            <numerusform>%n adulto</numerusform>
            <numerusform>%n adultos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n performer(s) · audience {audience}</source>
        <translation>
            <numerusform>%n participante · público {audience}</numerusform>
            <numerusform>%n participantes · público {audience}</numerusform>
        </translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Alcanzados</translation>
    </message>
    <message>
        <source>Adult</source>
        <translation>Adulto</translation>
    </message>
    <message>
        <source>Students (family)</source>
        <translation>Estudiantes (familia)</translation>
    </message>
    <message>
        <source>Came</source>
        <translation>Vino</translation>
    </message>
    <message>
        <source>(walk-in)</source>
        <translation>(sin inscripción)</translation>
    </message>
    <message>
        <source>✓ Came</source>
        <translation>✓ Vino</translation>
    </message>
    <message>
        <source>One adult for {count} students: counts once as an adult</source>
        <translation>Un adulto por {count} estudiantes: cuenta una vez como adulto</translation>
    </message>
    <message>
        <source>Masterclass</source>
        <translation>Clase magistral</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>e.g. Winter concert at City Hall</source>
        <translation>p. ej., Concierto de invierno en el Ayuntamiento</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>&amp;Arrived at:</source>
        <translation>&amp;Llegó a las:</translation>
    </message>
    <message>
        <source>&amp;Mark late</source>
        <translation>&amp;Marcar tarde</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Left &amp;at:</source>
        <translation>Salió &amp;a las:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>M&amp;otivo:</translation>
    </message>
    <message>
        <source>&amp;Mark left early</source>
        <translation>&amp;Marcar salida temprana</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>&amp;Registrar salida</translation>
    </message>
    <message>
        <source>Session: {start}–{end}</source>
        <translation>Sesión: de {start} a {end}</translation>
    </message>
    <message>
        <source>Enter saves the note; Shift+Enter starts a new line.</source>
        <translation>Intro guarda la nota; Mayús+Intro empieza una línea nueva.</translation>
    </message>
    <message>
        <source>&amp;Note (kept with this mark, visible to staff):</source>
        <translation>&amp;Nota (se guarda con esta marca; la ve el personal):</translation>
    </message>
    <message>
        <source>&amp;Save note</source>
        <translation>&amp;Guardar nota</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Hora de inicio</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Hora de fin</translation>
    </message>
    <message>
        <source>Off-site</source>
        <translation>Fuera de la sede</translation>
    </message>
    <message>
        <source>Ensemble:</source>
        <translation>Conjunto:</translation>
    </message>
    <message>
        <source>Missing roll</source>
        <translation>Falta la asistencia</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Sin empezar</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Roll taken</source>
        <translation>Asistencia tomada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Marked</source>
        <translation>Marcados</translation>
    </message>
    <message>
        <source>{label} (no longer on the schedule)</source>
        <translation>{label} (ya no está en el horario)</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>Cancelada: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>{recorded} of %n student(s) marked</source>
        <translation>
            <numerusform>{recorded} de %n estudiante marcado</numerusform>
            <numerusform>{recorded} de %n estudiantes marcados</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Marca</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Sin registrar</translation>
    </message>
    <message>
        <source>Not recorded yet</source>
        <translation>Todavía sin registrar</translation>
    </message>
    <message>
        <source>arrived {time}</source>
        <translation>llegó {time}</translation>
    </message>
    <message>
        <source>left {time}</source>
        <translation>salió {time}</translation>
    </message>
    <message>
        <source>walked home {time}</source>
        <translation>se fue caminando {time}</translation>
    </message>
    <message>
        <source>collected {time} by {adult}</source>
        <translation>lo recogió {adult} {time}</translation>
    </message>
    <message>
        <source>Custody restriction: check before release.</source>
        <translation>Restricción de custodia: revise antes de entregarlo.</translation>
    </message>
    <message>
        <source>Must be picked up by an authorized adult.</source>
        <translation>Lo debe recoger un adulto autorizado.</translation>
    </message>
    <message>
        <source>Picked up by guardian</source>
        <translation>Lo recogió su tutor(a)</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Cita</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transporte</translation>
    </message>
    <message>
        <source>Family emergency (CA early release)</source>
        <translation>Emergencia familiar (salida temprana CA)</translation>
    </message>
    <message>
        <source>Illness (CA early release)</source>
        <translation>Enfermedad (salida temprana CA)</translation>
    </message>
    <message>
        <source>Medical appointment (CA early release)</source>
        <translation>Cita médica (salida temprana CA)</translation>
    </message>
    <message>
        <source>Other enrichment programme (CA early release)</source>
        <translation>Otro programa de enriquecimiento (salida temprana CA)</translation>
    </message>
    <message>
        <source>Transportation (CA early release)</source>
        <translation>Transporte (salida temprana CA)</translation>
    </message>
    <message>
        <source>Parent request under the site policy (CA early release)</source>
        <translation>Petición de los padres según la política de la sede (salida temprana CA)</translation>
    </message>
    <message>
        <source>Teaching artist</source>
        <translation>Artista docente</translation>
    </message>
    <message>
        <source>Site lead</source>
        <translation>Coordinador(a) de sede</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Data manager</source>
        <translation>Administrador(a) de datos</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>Parque</translation>
    </message>
    <message>
        <source>School</source>
        <translation>Escuela</translation>
    </message>
    <message>
        <source>Community centre</source>
        <translation>Centro comunitario</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Ne&amp;w</source>
        <translation>&amp;Nuevo</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>New: fill in the details, then Save.</source>
        <translation>Nuevo: complete los datos y luego Guardar.</translation>
    </message>
    <message>
        <source>“{name}” was not saved, and what you typed for it is not kept: type it again.</source>
        <translation>“{name}” no se guardó, y lo que escribió no se conserva: escríbalo de nuevo.</translation>
    </message>
    <message>
        <source>The entry before this one was not saved: type it again.</source>
        <translation>El registro anterior a este no se guardó: escríbalo de nuevo.</translation>
    </message>
    <message>
        <source>What you typed is shown again, not saved: correct it and save again.</source>
        <translation>Lo que escribió se muestra de nuevo, sin guardar: corríjalo y guarde otra vez.</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Socio</translation>
    </message>
    <message>
        <source>Kind of partner</source>
        <translation>Tipo de socio</translation>
    </message>
    <message>
        <source>&amp;Partner:</source>
        <translation>&amp;Socio:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;ipo:</translation>
    </message>
    <message>
        <source>This laptop syncs with your programme&apos;s server: hubs are added and renamed by the administrator there, and arrive here at the next sync.</source>
        <translation>Esta computadora se sincroniza con el servidor de su programa: el administrador agrega y cambia el nombre de las sedes allí, y los cambios llegan aquí en la siguiente sincronización.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Archive this staff member</source>
        <translation>Archivar a este miembro del personal</translation>
    </message>
    <message>
        <source>Someone who left: off the lists of who takes roll and of teachers, still named on the rolls and reports of their time.</source>
        <translation>Alguien que se fue: sale de las listas de quién toma asistencia y de maestros, y sigue nombrado en las asistencias e informes de su tiempo.</translation>
    </message>
    <message>
        <source>Staff member&apos;s name</source>
        <translation>Nombre del miembro del personal</translation>
    </message>
    <message>
        <source>Hubs they work at</source>
        <translation>Sedes donde trabaja</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Función:</translation>
    </message>
    <message>
        <source>&amp;Hubs:</source>
        <translation>&amp;Sedes:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Te&amp;léfono:</translation>
    </message>
    <message>
        <source>E&amp;mail:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>La&amp;te (asks the arrival time)</source>
        <translation>Tarde (pide &amp;la hora de llegada)</translation>
    </message>
    <message>
        <source>Left ea&amp;rly (asks the time and who collected)</source>
        <translation>&amp;Salió temprano (pide la hora y quién lo recogió)</translation>
    </message>
    <message>
        <source>Offered in the re&amp;gister</source>
        <translation>&amp;Disponible al tomar asistencia</translation>
    </message>
    <message>
        <source>Co&amp;de:</source>
        <translation>&amp;Código:</translation>
    </message>
    <message>
        <source>Spanish la&amp;bel:</source>
        <translation>No&amp;mbre en español:</translation>
    </message>
    <message>
        <source>Bring this staff member back</source>
        <translation>Recuperar a este miembro del personal</translation>
    </message>
    <message>
        <source>Archived: no longer offered to take roll or teach.</source>
        <translation>Archivado(a): ya no se ofrece para tomar asistencia ni para enseñar.</translation>
    </message>
    <message>
        <source>Brought back.</source>
        <translation>Recuperado(a).</translation>
    </message>
    <message>
        <source>Attendance codes</source>
        <translation>Códigos de asistencia</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Spanish label</source>
        <translation>Nombre en español</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Tarde</translation>
    </message>
    <message>
        <source>Left early</source>
        <translation>Salió temprano</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Justificada</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Orden</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Code letters</source>
        <translation>Letras del código</translation>
    </message>
    <message>
        <source>Counts as &amp;present</source>
        <translation>C&amp;uenta como presente</translation>
    </message>
    <message>
        <source>E&amp;xcused absence</source>
        <translation>&amp;Falta justificada</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>Nom&amp;bre:</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>O&amp;rden:</translation>
    </message>
    <message>
        <source>Attendance codes are shared by the whole programme: a data manager changes them on their laptop, and the change arrives here at the next sync.</source>
        <translation>Los códigos de asistencia son comunes a todo el programa: un administrador(a) de datos los cambia en su computadora y el cambio llega aquí en la siguiente sincronización.</translation>
    </message>
    <message>
        <source>◀ Previous day</source>
        <translation>◀ Día anterior</translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation>Día anterior</translation>
    </message>
    <message>
        <source>Why the date was not taken</source>
        <translation>Por qué no se tomó la fecha</translation>
    </message>
    <message>
        <source>Next day ▶</source>
        <translation>Día siguiente ▶</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>Día siguiente</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Go to today</source>
        <translation>Ir a hoy</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n past session(s) missing roll:</source>
        <translation>
            <numerusform>⚠ A %n sesión pasada le falta la asistencia:</numerusform>
            <numerusform>⚠ A %n sesiones pasadas les falta la asistencia:</numerusform>
        </translation>
    </message>
    <message>
        <source>Teacher:</source>
        <translation>Maestro(a):</translation>
    </message>
    <message>
        <source>Teacher taking roll</source>
        <translation>Maestro(a) que toma la asistencia</translation>
    </message>
    <message>
        <source>Add session…</source>
        <translation>Agregar sesión…</translation>
    </message>
    <message>
        <source>Add an ad-hoc session</source>
        <translation>Agregar una sesión extra</translation>
    </message>
    <message>
        <source>Cancel session…</source>
        <translation>Cancelar sesión…</translation>
    </message>
    <message>
        <source>Cancel this session</source>
        <translation>Cancelar esta sesión</translation>
    </message>
    <message>
        <source>This session is cancelled. Restore it (Restore session) to take roll.</source>
        <translation>Esta sesión está cancelada. Restáurela (Restaurar sesión) para tomar asistencia.</translation>
    </message>
    <message>
        <source>Only a student marked present can be signed out. Mark them first.</source>
        <translation>Solo se puede registrar la salida de un estudiante marcado como presente. Márquelo primero.</translation>
    </message>
    <message>
        <source>There is no roll to take yet: what this hub still needs, and a button to it, are under the day&apos;s list.</source>
        <translation>Todavía no hay asistencia que tomar: lo que le falta a esta sede, y un botón para agregarlo, están debajo de la lista del día.</translation>
    </message>
    <message>
        <source>No sessions on this day.

Choose another day with ◀ ▶ or the date above, or add a one-off session with the “Add session…” button.</source>
        <translation>No hay sesiones este día.

Elija otro día con ◀ ▶ o con la fecha de arriba, o agregue una sesión única con el botón “Agregar sesión…”.</translation>
    </message>
    <message>
        <source>This hub has no ensembles yet, so there is no roll to take. Add an ensemble with its weekly schedule in File ▸ Programme set-up…, then add or import students on the Roster tab and enroll them.</source>
        <translation>Esta sede todavía no tiene conjuntos, así que no hay asistencia que tomar. Agregue un conjunto con su horario semanal en Archivo ▸ Configuración del programa…; luego agregue o importe estudiantes en la pestaña Lista e inscríbalos.</translation>
    </message>
    <message>
        <source>This hub&apos;s ensembles have no weekly schedule, so no sessions are listed. Add their meeting days in File ▸ Programme set-up….</source>
        <translation>Los conjuntos de esta sede no tienen horario semanal, así que no aparece ninguna sesión. Agregue sus días de reunión en Archivo ▸ Configuración del programa….</translation>
    </message>
    <message>
        <source>No students are enrolled in this hub&apos;s ensembles yet. On the Roster tab, add or import students and enroll them in an ensemble.</source>
        <translation>Todavía no hay estudiantes inscritos en los conjuntos de esta sede. En la pestaña Lista, agregue o importe estudiantes e inscríbalos en un conjunto.</translation>
    </message>
    <message>
        <source>Sessions missing roll</source>
        <translation>Sesiones sin asistencia</translation>
    </message>
    <message>
        <source>Open oldest missing roll</source>
        <translation>Abrir la asistencia pendiente más antigua</translation>
    </message>
    <message>
        <source>This computer&apos;s date is wrong</source>
        <extracomment>How often a page compares this computer&apos;s date with the day it judged on (a laptop left open past midnight judges on the new day), in milliseconds.</extracomment>
        <translation>La fecha de esta computadora está mal</translation>
    </message>
    <message>
        <source>⚠ This computer&apos;s date is wrong.</source>
        <translation>⚠ La fecha de esta computadora está mal.</translation>
    </message>
    <message>
        <source>It says {today}, but this register already has changes from {recorded}. Marks taken today would be saved on the wrong day. Set the date and time in this computer&apos;s settings, then close and reopen Harmony.</source>
        <translation>Muestra el {today}, pero el registro ya tiene cambios del {recorded}. Las marcas de hoy quedarían en el día equivocado. Corrija la fecha y la hora de esta computadora y vuelva a abrir Harmony.</translation>
    </message>
    <message>
        <source>⚠ This computer&apos;s date is still ahead.</source>
        <translation>⚠ La fecha de esta computadora sigue adelantada.</translation>
    </message>
    <message>
        <source>It says {today}: its clock was turned back, but not far enough. When it last reached the sync server, the server&apos;s date was {recorded}, and the time since then makes today probably {probably}: marks taken now would be saved on the wrong day. Set the date and time in this computer&apos;s settings, then close and reopen Harmony.</source>
        <translation>Muestra el {today}: su reloj se atrasó, pero no lo suficiente. La última vez que se conectó con el servidor de sincronización, la fecha del servidor era el {recorded}, y con el tiempo transcurrido desde entonces hoy es probablemente el {probably}: las marcas que se tomen ahora quedarían en el día equivocado. Corrija la fecha y la hora en la configuración de esta computadora y luego cierre y vuelva a abrir Harmony.</translation>
    </message>
    <message>
        <source>⚠ This computer&apos;s date is ahead.</source>
        <translation>⚠ La fecha de esta computadora está adelantada.</translation>
    </message>
    <message>
        <source>It says {today}, but when it last reached the sync server, the server&apos;s date was {recorded}, and this computer&apos;s clock was ahead of it. Today is probably {probably}: marks taken now would be saved on the wrong day. Set the date and time in this computer&apos;s settings, then close and reopen Harmony.</source>
        <translation>Muestra el {today}, pero la última vez que se conectó con el servidor de sincronización, la fecha del servidor era el {recorded} y el reloj de esta computadora iba adelantado. Hoy es probablemente el {probably}: las marcas que se tomen ahora quedarían en el día equivocado. Corrija la fecha y la hora en la configuración de esta computadora y luego cierre y vuelva a abrir Harmony.</translation>
    </message>
    <message>
        <source>⚠ Check this computer&apos;s date.</source>
        <translation>⚠ Revise la fecha de esta computadora.</translation>
    </message>
    <message>
        <source>It says {today}, but this computer last reached the sync server on {recorded}, more than ten months ago. If {today} is wrong, set the date and time in this computer&apos;s settings, then close and reopen Harmony. If it is right, take roll as usual, and sync when you can.</source>
        <translation>Muestra el {today}, pero esta computadora se conectó por última vez con el servidor de sincronización el {recorded}, hace más de diez meses. Si el {today} está mal, corrija la fecha y la hora en la configuración de esta computadora y luego cierre y vuelva a abrir Harmony. Si está bien, tome asistencia como siempre y sincronice cuando pueda.</translation>
    </message>
    <message>
        <source>It says {today}, but this register has changes dated as late as {recorded}. If {today} is wrong, set the date and time in this computer&apos;s settings, then close and reopen Harmony. If it is right, those changes were made on a computer whose clock was ahead: take roll as usual.</source>
        <translation>Muestra el {today}, pero el registro de asistencia tiene cambios con fecha hasta el {recorded}. Si el {today} está mal, corrija la fecha y la hora en la configuración de esta computadora y luego cierre y vuelva a abrir Harmony. Si está bien, esos cambios se hicieron en una computadora con el reloj adelantado: tome asistencia como siempre.</translation>
    </message>
    <message>
        <source>It now says {today}, but this register already has changes from {recorded}. The register stays on {shown}, so marks are still saved on that day. Set the date and time in this computer&apos;s settings.</source>
        <translation>Ahora muestra el {today}, pero el registro ya tiene cambios del {recorded}. El registro sigue en el {shown}, así que las marcas se siguen guardando en ese día. Corrija la fecha y la hora de esta computadora.</translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation>Día mostrado</translation>
    </message>
    <message>
        <source>Sessions of the day</source>
        <translation>Sesiones del día</translation>
    </message>
    <message>
        <source>Session columns</source>
        <translation>Columnas de las sesiones</translation>
    </message>
    <message>
        <source>Set up ensembles…</source>
        <translation>Configurar conjuntos…</translation>
    </message>
    <message>
        <source>Go to the Roster</source>
        <translation>Ir a la Lista</translation>
    </message>
    <message>
        <source>No sessions on this day.</source>
        <extracomment>What an empty day&apos;s button leads to: the ensembles of Programme set-up, the roster.</extracomment>
        <translation>No hay sesiones este día.</translation>
    </message>
    <message>
        <source>Choose a session to take roll.

Keyboard: ↑/↓ choose a session, Enter goes to its roll.</source>
        <translation>Elija una sesión para tomar asistencia.

Teclado: ↑/↓ elige una sesión, Intro abre su asistencia.</translation>
    </message>
    <message>
        <source>No session chosen</source>
        <extracomment>who was chosen for a session here (a substitute): session id -&gt; staff id</extracomment>
        <translation>No se eligió ninguna sesión</translation>
    </message>
    <message>
        <source>Roll progress</source>
        <translation>Avance de la asistencia</translation>
    </message>
    <message>
        <source>Family event roll</source>
        <extracomment>the register&apos;s question before a write on this computer&apos;s wrong &quot;today&quot;</extracomment>
        <translation>Asistencia del evento familiar</translation>
    </message>
    <message>
        <source>Event</source>
        <extracomment>The &quot;Reached&quot; column is at most this wide (pixels): the title keeps the rest.</extracomment>
        <translation>Evento</translation>
    </message>
    <message>
        <source>What the event reached</source>
        <translation>A quiénes llegó el evento</translation>
    </message>
    <message>
        <source>Find an adult or a student</source>
        <translation>Buscar un adulto o un estudiante</translation>
    </message>
    <message>
        <source>Find on the roll</source>
        <translation>Buscar en la lista</translation>
    </message>
    <message>
        <source>Searc&amp;h:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>&amp;Add walk-in…</source>
        <translation>A&amp;gregar persona sin inscripción…</translation>
    </message>
    <message>
        <source>Add walk-in</source>
        <translation>Agregar persona sin inscripción</translation>
    </message>
    <message>
        <source>&amp;Remove walk-in</source>
        <translation>&amp;Quitar persona sin inscripción</translation>
    </message>
    <message>
        <source>Remove walk-in</source>
        <translation>Quitar persona sin inscripción</translation>
    </message>
    <message>
        <source>Adults</source>
        <translation>Adultos</translation>
    </message>
    <message>
        <source>Adult rows</source>
        <translation>Filas de adultos</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>Keys: ↑/↓ or j/k move · P or Space came · A or Del did not come</source>
        <translation>Teclas: ↑/↓ o j/k mueven · P o Espacio vino · A o Supr no vino</translation>
    </message>
    <message>
        <source>Roll keys</source>
        <translation>Teclas de la asistencia</translation>
    </message>
    <message>
        <source>&lt;b&gt;Families reached: {families}&lt;/b&gt; · Adults: {adults} · Walk-ins: {walk_ins}</source>
        <translation>&lt;b&gt;Familias alcanzadas: {families}&lt;/b&gt; · Adultos: {adults} · Sin inscripción: {walk_ins}</translation>
    </message>
    <message>
        <source>✓ Saved</source>
        <translation>✓ Guardado</translation>
    </message>
    <message>
        <source>Choose a walk-in to remove.</source>
        <translation>Elija a la persona sin inscripción que quiere quitar.</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <extracomment>&quot;Mark all remaining present&quot; from anywhere on the register page (main and keypad Enter)</extracomment>
        <translation>Ctrl+Intro</translation>
    </message>
    <message>
        <source>{recorded} of {total} marked</source>
        <extracomment>the roll&apos;s row height in pixels The roll&apos;s columns&apos; widths (a window of 1280 pixels and more) Narrower (a netbook), these give way, down to 60 % of their width, before the table scrolls sideways; the note (which takes the rest) keeps this much.</extracomment>
        <translation>{recorded} de {total} marcados</translation>
    </message>
    <message>
        <source>No student is enrolled in this ensemble on this day. On the Roster tab, open a student and enroll them (Enrollment), or import students with their ensemble.</source>
        <translation>Ningún estudiante está inscrito en este conjunto este día. En la pestaña Lista, abra un estudiante e inscríbalo (Inscripción), o importe estudiantes con su conjunto.</translation>
    </message>
    <message>
        <source>No students on this roll</source>
        <translation>No hay estudiantes en esta asistencia</translation>
    </message>
    <message>
        <source>Keys: ↑/↓ or j/k move · {codes} mark and move on · Ctrl+Z undo · Alt+V volunteers</source>
        <translation>Teclas: ↑/↓ j/k mueven · {codes} marca y avanza · Ctrl+Z deshace · Alt+V voluntarios</translation>
    </message>
    <message>
        <source>Keys: ↑/↓ or j/k move · {codes} mark and move on · {all} all remaining present · D sign out · Del not recorded · N note · Ctrl+Z undo · Alt+V volunteers</source>
        <translation>Teclas: ↑/↓ o j/k mueven · {codes} marcan y avanzan · {all} todos los demás presentes · D salida · Supr sin registrar · N nota · Ctrl+Z deshacer · Alt+V voluntarios</translation>
    </message>
    <message>
        <source>Correcting a past roll: every change is recorded with your name and the time.</source>
        <translation>Corrigiendo una asistencia pasada: cada cambio se registra con su nombre y la hora.</translation>
    </message>
    <message>
        <source>Past roll notice</source>
        <translation>Aviso de asistencia pasada</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>Cancelación</translation>
    </message>
    <message>
        <source>Restore session</source>
        <translation>Restaurar sesión</translation>
    </message>
    <message>
        <source>Restore cancelled session</source>
        <translation>Restaurar la sesión cancelada</translation>
    </message>
    <message>
        <source>Mark {label}</source>
        <translation>Marcar {label}</translation>
    </message>
    <message>
        <source>Mark the chosen student {label} (key {key} or {digit})</source>
        <translation>Marcar al estudiante elegido: {label} (tecla {key} o {digit})</translation>
    </message>
    <message>
        <source>Not recorded [Del]</source>
        <translation>Sin registrar [Supr]</translation>
    </message>
    <message>
        <source>Set back to not recorded</source>
        <translation>Volver a sin registrar</translation>
    </message>
    <message>
        <source>Note… [N]</source>
        <translation>Nota… [N]</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Agregar una nota</translation>
    </message>
    <message>
        <source>Mark all remaining present [{keys}]</source>
        <translation>Marcar presentes a los demás [{keys}]</translation>
    </message>
    <message>
        <source>Mark all remaining present</source>
        <translation>Marcar presentes a los demás</translation>
    </message>
    <message>
        <source>Rest present</source>
        <translation>Resto presentes</translation>
    </message>
    <message>
        <source>Everyone not marked yet is marked present, in one step you can undo.</source>
        <translation>Todos los que aún no están marcados quedan presentes, en un solo paso que se puede deshacer.</translation>
    </message>
    <message>
        <source>Sign out… [D]</source>
        <translation>Salida… [D]</translation>
    </message>
    <message>
        <source>Sign out the chosen student</source>
        <translation>Registrar la salida del estudiante elegido</translation>
    </message>
    <message>
        <source>Record who collected the student at the end, or that they walked home.</source>
        <translation>Registre quién recogió al estudiante al final, o que se fue caminando a casa.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Undo last change</source>
        <translation>Deshacer el último cambio</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rehacer</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Orden:</translation>
    </message>
    <message>
        <source>Order of the roll</source>
        <translation>Orden de la lista</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Roll</source>
        <translation>Asistencia</translation>
    </message>
    <message numerus="yes">
        <source>Roll taken: all %n marked</source>
        <translation>
            <numerusform>Asistencia tomada: %n marcado</numerusform>
            <numerusform>Asistencia tomada: los %n marcados</numerusform>
        </translation>
    </message>
    <message>
        <source>Roll columns</source>
        <translation>Columnas de la asistencia</translation>
    </message>
    <message>
        <source>Row numbers</source>
        <translation>Números de fila</translation>
    </message>
    <message>
        <source>Keyboard help</source>
        <translation>Ayuda del teclado</translation>
    </message>
    <message>
        <source>(no staff set up)</source>
        <translation>(no hay personal registrado)</translation>
    </message>
    <message>
        <source>Today, {date}</source>
        <translation>Hoy, {date}</translation>
    </message>
    <message>
        <source>Could not load the day: {error}</source>
        <extracomment>who was last chosen on this laptop: takes the roll of a session with no teacher</extracomment>
        <translation>No se pudo cargar el día: {error}</translation>
    </message>
    <message>
        <source>Loading the roll…</source>
        <translation>Cargando la asistencia…</translation>
    </message>
    <message>
        <source>Could not open the roll: {error}</source>
        <translation>No se pudo abrir la asistencia: {error}</translation>
    </message>
    <message>
        <source>{recorded} of {total} marked · {left} not recorded</source>
        <translation>{recorded} de {total} marcados · {left} sin registrar</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>y {count} más</translation>
    </message>
    <message>
        <source>Mark {code}</source>
        <extracomment>(student id, mark before, mark after) the open roll&apos;s session when it was opened without storing it (a certainly wrong &quot;today&quot;): the first write that goes ahead stores it (None: stored)</extracomment>
        <translation>Marcar {code}</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Registrar salida</translation>
    </message>
    <message>
        <source>Clear mark</source>
        <translation>Borrar marca</translation>
    </message>
    <message numerus="yes">
        <source>Mark %n present</source>
        <translation>
            <numerusform>Marcar %n presente</numerusform>
            <numerusform>Marcar %n presentes</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ Saved at {time}</source>
        <extracomment>Custom roles shared by the models and their delegates.</extracomment>
        <translation>✓ Guardado a las {time}</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>&amp;Enroll this laptop…</source>
        <translation>&amp;Registrar esta computadora…</translation>
    </message>
    <message>
        <source>Needs &amp;review</source>
        <translation>&amp;Pendiente de revisión</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sincronización</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Sync now</source>
        <extracomment>the end-of-day reminder is the message shown: its count follows the counter&apos;s</extracomment>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Pendiente de revisión</translation>
    </message>
    <message>
        <source>Set up s&amp;ync…</source>
        <translation>&amp;Configurar la sincronización…</translation>
    </message>
    <message>
        <source>Needs review ({n})</source>
        <translation>Pendiente de revisión ({n})</translation>
    </message>
    <message>
        <source>Enroll this laptop</source>
        <translation>Registrar esta computadora</translation>
    </message>
    <message>
        <source>Connect this laptop to your programme&apos;s sync server. Your administrator gives you the address and a one-time code. The app keeps working offline either way.</source>
        <translation>Conecte esta computadora al servidor de sincronización de su programa. Su administrador le da la dirección y un código de un solo uso. De todos modos, la aplicación sigue funcionando sin conexión.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Código de registro</translation>
    </message>
    <message>
        <source>as your administrator named it</source>
        <translation>como la nombró su administrador</translation>
    </message>
    <message>
        <source>Laptop name</source>
        <translation>Nombre de la computadora</translation>
    </message>
    <message>
        <source>This laptop&apos;s hub</source>
        <extracomment>&quot;This laptop&apos;s hub: NAME (id …)&quot;, its text selectable (hidden without a hub)</extracomment>
        <translation>La sede de esta computadora</translation>
    </message>
    <message>
        <source>This laptop&apos;s hub: {name} (id {id})</source>
        <translation>La sede de esta computadora: {name} (id {id})</translation>
    </message>
    <message>
        <source>The office adds a hub set up on this laptop to the server with this id.</source>
        <translation>La oficina agrega al servidor una sede configurada en esta computadora con este id.</translation>
    </message>
    <message>
        <source>Enrollment result</source>
        <translation>Resultado del registro</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>&amp;Dirección del servidor:</translation>
    </message>
    <message>
        <source>One-time &amp;code:</source>
        <translation>&amp;Código de un solo uso:</translation>
    </message>
    <message>
        <source>Laptop &amp;name:</source>
        <translation>&amp;Nombre de la computadora:</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Type both the server address and the code.</source>
        <translation>Escriba la dirección del servidor y el código.</translation>
    </message>
    <message>
        <source>Contacting the server…</source>
        <translation>Conectando con el servidor…</translation>
    </message>
    <message>
        <source>Enrolled.</source>
        <translation>Computadora registrada.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <source>Not enrolled: enrollment needs a connection to the sync server, and it cannot be reached right now. Connect this laptop to the internet, then press Try again.</source>
        <translation>Sin registrar: el registro necesita conexión con el servidor de sincronización, y ahora mismo no se puede conectar. Conecte esta computadora a internet y pulse Intentar de nuevo.</translation>
    </message>
    <message>
        <source>Enrollment failed unexpectedly. Try again.</source>
        <translation>El registro falló inesperadamente. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>Valor actual</translation>
    </message>
    <message>
        <source>Other value / reason</source>
        <translation>Otro valor / motivo</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Detectado</translation>
    </message>
    <message>
        <source>Refused change: {fields}</source>
        <translation>Cambio rechazado: {fields}</translation>
    </message>
    <message>
        <source>Received change not applied: {fields}</source>
        <translation>Cambio recibido no aplicado: {fields}</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Guardian phone</source>
        <translation>Teléfono del tutor(a)</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>{enrollments}, {marks}</source>
        <extracomment>the review item / duplicate pair behind a row</extracomment>
        <translation>{enrollments}, {marks}</translation>
    </message>
    <message numerus="yes">
        <source>%n enrollment(s)</source>
        <translation>
            <numerusform>%n inscripción</numerusform>
            <numerusform>%n inscripciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mark(s)</source>
        <translation>
            <numerusform>%n marca</numerusform>
            <numerusform>%n marcas</numerusform>
        </translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Año</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salón</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <source>Attendance code</source>
        <translation>Código de asistencia</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Registrado por</translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation>Registrado el</translation>
    </message>
    <message>
        <source>Collected at</source>
        <translation>Hora de recogida</translation>
    </message>
    <message>
        <source>Walked home</source>
        <translation>Se fue caminando</translation>
    </message>
    <message>
        <source>Pickup confirmed by</source>
        <translation>Recogida confirmada por</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>School year of the grade</source>
        <translation>Curso escolar del grado</translation>
    </message>
    <message>
        <source>Medical notes</source>
        <translation>Notas médicas</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Alergias</translation>
    </message>
    <message>
        <source>Photo consent</source>
        <translation>Autorización de fotos</translation>
    </message>
    <message>
        <source>Other phone</source>
        <translation>Otro teléfono</translation>
    </message>
    <message>
        <source>May collect</source>
        <translation>Puede recogerlo</translation>
    </message>
    <message>
        <source>Order to call</source>
        <translation>Orden para llamar</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Contacto de emergencia</translation>
    </message>
    <message>
        <source>District student ID</source>
        <translation>ID del estudiante en el distrito</translation>
    </message>
    <message>
        <source>Statewide student ID</source>
        <translation>ID estatal del estudiante</translation>
    </message>
    <message>
        <source>Home language</source>
        <translation>Idioma en casa</translation>
    </message>
    <message>
        <source>Guardian&apos;s language</source>
        <translation>Idioma del tutor</translation>
    </message>
    <message>
        <source>Label in Spanish</source>
        <translation>Nombre en español</translation>
    </message>
    <message>
        <source>Counts as present</source>
        <translation>Cuenta como presente</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Horario</translation>
    </message>
    <message>
        <source>Follows the terms</source>
        <translation>Sigue los periodos</translation>
    </message>
    <message>
        <source>Applied on</source>
        <translation>Solicitó el</translation>
    </message>
    <message>
        <source>Waitlisted on</source>
        <translation>En lista de espera desde</translation>
    </message>
    <message>
        <source>Waitlist priority</source>
        <translation>Prioridad en la lista de espera</translation>
    </message>
    <message>
        <source>Enrolled on</source>
        <translation>Inscrito el</translation>
    </message>
    <message>
        <source>Ended on</source>
        <translation>Terminó el</translation>
    </message>
    <message>
        <source>Why it ended</source>
        <translation>Por qué terminó</translation>
    </message>
    <message>
        <source>Enrollment</source>
        <translation>Inscripción</translation>
    </message>
    <message>
        <source>Kept student</source>
        <translation>Estudiante conservado</translation>
    </message>
    <message>
        <source>Valid for (months)</source>
        <translation>Vigencia (meses)</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>Vence el</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Llegada registrada</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Salida registrada</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>Confirmado por</translation>
    </message>
    <message>
        <source>Confirmed at</source>
        <translation>Confirmado el</translation>
    </message>
    <message>
        <source>Confirmation note</source>
        <translation>Nota de confirmación</translation>
    </message>
    <message>
        <source>Invited hub</source>
        <translation>Sede invitada</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Asistió</translation>
    </message>
    <message>
        <source>The server takes this only from a data manager&apos;s laptop.</source>
        <translation>El servidor solo acepta esto de la computadora de un administrador(a) de datos.</translation>
    </message>
    <message>
        <source>This laptop may not change that hub&apos;s records.</source>
        <translation>Esta computadora no puede cambiar los registros de esa sede.</translation>
    </message>
    <message>
        <source>The sync server does not know this hub.</source>
        <translation>El servidor de sincronización no conoce esta sede.</translation>
    </message>
    <message>
        <source>On the sync server the record belongs to another hub.</source>
        <translation>En el servidor de sincronización el registro pertenece a otra sede.</translation>
    </message>
    <message>
        <source>The sync server does not have the record this one belongs to.</source>
        <translation>El servidor de sincronización no tiene el registro al que pertenece este.</translation>
    </message>
    <message>
        <source>A value does not fit what the sync server accepts.</source>
        <translation>Un valor no cumple lo que acepta el servidor de sincronización.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock was wrong when the change was made.</source>
        <translation>El reloj de esta computadora estaba mal cuando se hizo el cambio.</translation>
    </message>
    <message>
        <source>The change was malformed (an older version of this app?).</source>
        <translation>El cambio estaba mal formado (¿una versión anterior de esta aplicación?).</translation>
    </message>
    <message>
        <source>This laptop could not apply the change (is this app older than the others?).</source>
        <translation>Esta computadora no pudo aplicar el cambio (¿esta aplicación es más antigua que las demás?).</translation>
    </message>
    <message>
        <source>The server takes this only from a data manager&apos;s laptop: staff, the school year and its terms, closures of the whole programme, attendance codes and kinds of clearance are the whole programme&apos;s. The change stays on this laptop. If the programme was set up on this laptop, ask the office to make it the programme&apos;s data manager&apos;s laptop (they revoke its code and give it a data manager&apos;s code): enrolled again with that code, it sends the change by itself. Otherwise ask your data manager to make the change on their laptop, then dismiss it here.</source>
        <translation>El servidor solo acepta esto de la computadora de un administrador(a) de datos: el personal, el año escolar y sus periodos, los cierres de todo el programa, los códigos de asistencia y los tipos de autorización son de todo el programa. El cambio se queda en esta computadora. Si el programa se configuró en esta computadora, pida a la oficina que la haga la computadora del administrador(a) de datos del programa (revocan su código y le dan un código de administrador(a) de datos): registrada de nuevo con ese código, envía el cambio por sí sola. Si no, pida a su administrador(a) de datos que haga el cambio en su computadora y luego descártelo aquí.</translation>
    </message>
    <message>
        <source>The server takes this only from a laptop enrolled for the record&apos;s hub, or a data manager&apos;s. The change stays on this laptop: enrolled again with a code for that hub (or a data manager&apos;s), it sends the change by itself. Otherwise ask a laptop of that hub to make the change, then dismiss it here.</source>
        <translation>El servidor solo acepta esto de una computadora registrada para la sede del registro, o de la de un administrador(a) de datos. El cambio se queda en esta computadora: registrada de nuevo con un código para esa sede (o uno de administrador(a) de datos), envía el cambio por sí sola. Si no, pida a una computadora de esa sede que haga el cambio y luego descártelo aquí.</translation>
    </message>
    <message>
        <source>{reason} The change stays on this laptop; dismiss it once it is dealt with.</source>
        <translation>{reason} El cambio se queda en esta computadora; descártelo cuando esté resuelto.</translation>
    </message>
    <message>
        <source>Roll not taken</source>
        <extracomment>The synced fields that hold a day (a wire value &quot;2014-06-05&quot;): shown as the window writes a date (a test keeps this the models&apos; every date field). The synced fields that hold a time of day (a wire value &quot;15:30:00&quot;).</extracomment>
        <translation>Asistencia sin tomar</translation>
    </message>
    <message>
        <source>{grade} for {year}</source>
        <translation>{grade} del curso {year}</translation>
    </message>
    <message>
        <source>{student}, {ensemble} on {date}</source>
        <translation>{student}, {ensemble} el {date}</translation>
    </message>
    <message>
        <source>{mark} at {time}</source>
        <translation>{mark} a las {time}</translation>
    </message>
    <message>
        <source>{mark}, arrived {time}</source>
        <translation>{mark}, llegó a las {time}</translation>
    </message>
    <message>
        <source>{mark}: {reason}</source>
        <translation>{mark}: {reason}</translation>
    </message>
    <message>
        <source>{mark}; walked home at {time}</source>
        <translation>{mark}; se fue caminando a casa a las {time}</translation>
    </message>
    <message>
        <source>{mark}; walked home</source>
        <translation>{mark}; se fue caminando a casa</translation>
    </message>
    <message>
        <source>{mark}; collected by {name} at {time}</source>
        <translation>{mark}; lo recogió {name} a las {time}</translation>
    </message>
    <message>
        <source>{mark}; collected by {name}</source>
        <translation>{mark}; lo recogió {name}</translation>
    </message>
    <message>
        <source>{mark}; note: {note}</source>
        <translation>{mark}; nota: {note}</translation>
    </message>
    <message>
        <source>This laptop</source>
        <translation>Esta computadora</translation>
    </message>
    <message>
        <source>Another laptop</source>
        <translation>Otra computadora</translation>
    </message>
    <message>
        <source>{field}: {value}</source>
        <translation>{field}: {value}</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Computadora</translation>
    </message>
    <message>
        <source>Laptop that wrote the current value</source>
        <translation>Computadora que escribió el valor actual</translation>
    </message>
    <message>
        <source>Laptop that wrote the other value</source>
        <translation>Computadora que escribió el otro valor</translation>
    </message>
    <message>
        <source>Refused new record</source>
        <translation>Registro nuevo rechazado</translation>
    </message>
    <message>
        <source>Attendance mark</source>
        <translation>Marca de asistencia</translation>
    </message>
    <message>
        <source>kept record: {kept} · other record: {other}</source>
        <translation>registro conservado: {kept} · otro registro: {other}</translation>
    </message>
    <message>
        <source>The sync server did not take some changes from this laptop, or this laptop could not apply a change it received: each says why (select it to read more). They stay on this laptop; dismiss one once it is dealt with.</source>
        <translation>El servidor de sincronización no aceptó algunos cambios de esta computadora, o esta computadora no pudo aplicar un cambio recibido: cada uno dice por qué (selecciónelo para leer más). Se quedan en esta computadora; descarte uno cuando esté resuelto.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Changes that need a decision&lt;/b&gt;</source>
        <translation>&lt;b&gt;Cambios que necesitan una decisión&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Conflicts heading</source>
        <translation>Encabezado de conflictos</translation>
    </message>
    <message>
        <source>{record}: {why}</source>
        <translation>{record}: {why}</translation>
    </message>
    <message>
        <source>Two laptops changed the same thing before syncing. The newest change is in use; the other one is kept here so nothing is lost.</source>
        <translation>Dos computadoras cambiaron lo mismo antes de sincronizar. Se usa el cambio más reciente; el otro se guarda aquí para que no se pierda nada.</translation>
    </message>
    <message>
        <source>Conflicts and refused changes</source>
        <translation>Conflictos y cambios rechazados</translation>
    </message>
    <message>
        <source>Why the change was refused</source>
        <translation>Por qué se rechazó el cambio</translation>
    </message>
    <message>
        <source>Keep current value</source>
        <translation>Conservar el valor actual</translation>
    </message>
    <message>
        <source>Use other value</source>
        <translation>Usar el otro valor</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Dismiss refused change</source>
        <translation>Descartar el cambio rechazado</translation>
    </message>
    <message>
        <source>&lt;b&gt;Possible duplicate students&lt;/b&gt;</source>
        <translation>&lt;b&gt;Posibles estudiantes duplicados&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Duplicates heading</source>
        <translation>Encabezado de duplicados</translation>
    </message>
    <message>
        <source>Same name, date of birth and guardian phone, probably entered on two laptops. Merging keeps every enrollment and attendance mark.</source>
        <translation>Mismo nombre, fecha de nacimiento y teléfono del tutor(a); probablemente se registró en dos computadoras. Al combinarlos se conservan todas las inscripciones y marcas de asistencia.</translation>
    </message>
    <message>
        <source>Possible duplicate students</source>
        <translation>Posibles estudiantes duplicados</translation>
    </message>
    <message>
        <source>Merge into one student</source>
        <translation>Combinar en un solo estudiante</translation>
    </message>
    <message>
        <source>Merge duplicate students</source>
        <translation>Combinar estudiantes duplicados</translation>
    </message>
    <message>
        <source>Review status</source>
        <translation>Estado de la revisión</translation>
    </message>
    <message>
        <source>Nothing needs review.</source>
        <translation>No hay nada pendiente de revisión.</translation>
    </message>
    <message>
        <source>{changes} and {duplicates} to review.</source>
        <translation>{changes} y {duplicates} por revisar.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n cambio</numerusform>
            <numerusform>%n cambios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n possible duplicate(s)</source>
        <translation>
            <numerusform>%n posible duplicado</numerusform>
            <numerusform>%n posibles duplicados</numerusform>
        </translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>Sincronizado: nunca</translation>
    </message>
    <message>
        <source>today</source>
        <translation>hoy</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>ayer</translation>
    </message>
    <message>
        <source>Last sync: {day} {time}</source>
        <translation>Sincronizado: {day} {time}</translation>
    </message>
    <message>
        <source>Items on the Needs review page: changes that clashed with another laptop&apos;s, changes the server refused, and students that may be entered twice.</source>
        <translation>Elementos de la página Pendiente de revisión: cambios que chocaron con los de otra computadora, cambios que el servidor rechazó y estudiantes que quizá se registraron dos veces.</translation>
    </message>
    <message>
        <source>Everything is kept on this laptop and backed up every day. A site lead can join the programme&apos;s sync server with Sync ▸ Enroll this laptop; what was recorded here is sent at the first sync.</source>
        <translation>Todo se guarda en esta computadora y se respalda cada día. Un coordinador(a) de sede puede unirla al servidor de sincronización del programa con Sincronización ▸ Registrar esta computadora; lo registrado aquí se envía en la primera sincronización.</translation>
    </message>
    <message>
        <source>This laptop&apos;s data syncs with {server}, but this computer is not enrolled there (a backup put back on a new computer, or a lost sync token). Ask your administrator for a new enrollment code and enroll it with Sync ▸ Enroll this laptop; the changes waiting here are sent at the first sync.</source>
        <translation>Los datos de esta computadora se sincronizan con {server}, pero esta computadora no está registrada allí (un respaldo restaurado en una computadora nueva, o una clave de acceso perdida). Pida a su administrador un código de registro nuevo y regístrela con Sincronización ▸ Registrar esta computadora; los cambios pendientes aquí se envían en la primera sincronización.</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>Última sincronización correcta</translation>
    </message>
    <message>
        <source>Changes waiting</source>
        <translation>Cambios pendientes</translation>
    </message>
    <message>
        <source>Sync message</source>
        <translation>Mensaje de sincronización</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Avance de la sincronización</translation>
    </message>
    <message>
        <source>Send this laptop&apos;s changes and fetch everyone else&apos;s</source>
        <translation>Enviar los cambios de esta computadora y recibir los de las demás</translation>
    </message>
    <message>
        <source>Set up sync…</source>
        <translation>Configurar la sincronización…</translation>
    </message>
    <message>
        <source>All changes synced</source>
        <translation>Nada pendiente</translation>
    </message>
    <message>
        <source>No changes waiting</source>
        <translation>No hay cambios pendientes</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n cambio pendiente</numerusform>
            <numerusform>%n cambios pendientes</numerusform>
        </translation>
    </message>
    <message>
        <source>Not enrolled on this computer</source>
        <translation>Sin registrar aquí</translation>
    </message>
    <message>
        <source>Working alone on this laptop — backups daily</source>
        <translation>Esta computadora trabaja sola — copia de seguridad diaria</translation>
    </message>
    <message>
        <source>Needs review: {n}</source>
        <translation>Por revisar: {n}</translation>
    </message>
    <message>
        <source>◌ Not checked yet</source>
        <translation>◌ Sin comprobar</translation>
    </message>
    <message>
        <source>⚠ Not a sync server</source>
        <translation>⚠ Servidor no válido</translation>
    </message>
    <message>
        <source>{address} answers, but not as a Harmony sync server. Check the server address with your administrator.</source>
        <translation>{address} responde, pero no como un servidor de sincronización de Harmony. Verifique la dirección del servidor con su administrador(a).</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Sin conexión</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Sending %v of %m</source>
        <translation>Enviando %v de %m</translation>
    </message>
    <message>
        <source>Receiving {n}</source>
        <translation>Recibiendo {n}</translation>
    </message>
    <message>
        <source>Synced after resetting this computer&apos;s clock: sent {sent}, received {got}</source>
        <translation>Sincronizado tras restablecer el reloj de esta computadora: enviados {sent}, recibidos {got}</translation>
    </message>
    <message>
        <source>Synced: sent {sent}, received {got}</source>
        <translation>Sincronizado: enviados {sent}, recibidos {got}</translation>
    </message>
    <message>
        <source>Synced: up to date</source>
        <translation>Sincronizado: al día</translation>
    </message>
    <message>
        <source>Sync failed unexpectedly; your work is safe on this laptop.</source>
        <translation>La sincronización falló inesperadamente; su trabajo está a salvo en esta computadora.</translation>
    </message>
    <message>
        <source>Server unreachable: retrying in {n} min. Your work is safe.</source>
        <translation>Servidor sin respuesta: nuevo intento en {n} min. Su trabajo está a salvo.</translation>
    </message>
    <message>
        <source>Server unreachable. Your work is safe on this laptop.</source>
        <translation>Servidor sin respuesta. Su trabajo está a salvo en esta computadora.</translation>
    </message>
    <message>
        <source>Sync access revoked: enroll this laptop again (Sync menu).</source>
        <translation>Se revocó el acceso a la sincronización: vuelva a registrar esta computadora (menú Sincronización).</translation>
    </message>
    <message>
        <source>Not set up for sync: Sync ▸ Enroll this laptop.</source>
        <translation>Sincronización sin configurar: Sincronización ▸ Registrar esta computadora.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is wrong: fix date and time, then sync.</source>
        <translation>El reloj de esta computadora está mal: corrija la fecha y la hora y luego sincronice.</translation>
    </message>
    <message>
        <source>The sync server needs an update: tell your administrator.</source>
        <translation>El servidor de sincronización necesita una actualización: avise a su administrador.</translation>
    </message>
    <message>
        <source>This app needs an update before it can sync.</source>
        <translation>Esta aplicación necesita una actualización antes de poder sincronizar.</translation>
    </message>
    <message>
        <source>Sync failed: {why}</source>
        <translation>La sincronización falló: {why}</translation>
    </message>
    <message numerus="yes">
        <source>End of the day: %n change(s) not synced yet. Sync before you leave?</source>
        <translation>
            <numerusform>¿Sincronizar antes de irse? Fin del día: %n cambio todavía sin sincronizar.</numerusform>
            <numerusform>¿Sincronizar antes de irse? Fin del día: %n cambios todavía sin sincronizar.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Language of printouts and exports</source>
        <extracomment>Each language&apos;s own name with its letter in a menu: the same in every language, as the names are.</extracomment>
        <translation>&amp;Idioma de impresos y exportaciones</translation>
    </message>
    <message>
        <source>Language of printouts and exports</source>
        <translation>Idioma de impresos y exportaciones</translation>
    </message>
    <message>
        <source>This table has {rows} rows, too many to print: export the report to .xlsx or .csv to read it.</source>
        <extracomment>The sheet&apos;s first columns (the student and the hub, the hub and the ensemble, …), repeated on every table a sheet too wide for the page continues on. The cells&apos; text of a printed report table, in points (never under SMALLEST_PT). A sheet longer than this is not printed (thousands of pages help no one): the printout says so and points to the spreadsheet export. Lines a hub&apos;s name may take above its small chart (about 75 letters): past them it ends in &quot;…&quot;. It wraps between its words rather than be cut short on one line, so hubs named alike are told apart.</extracomment>
        <translation>Esta tabla tiene {rows} filas, demasiadas para imprimir: exporte el informe a .xlsx o .csv para leerlo.</translation>
    </message>
    <message>
        <source>This table has {rows} rows and {columns} columns, too many to print: export the report to .xlsx or .csv to read it, or print one hub or ensemble.</source>
        <translation>Esta tabla tiene {rows} filas y {columns} columnas, demasiadas para imprimir: exporte el informe a .xlsx o .csv para leerlo, o imprima una sola sede o un solo conjunto.</translation>
    </message>
    <message>
        <source>Nothing to report for this period.</source>
        <translation>No hay nada que informar en este periodo.</translation>
    </message>
    <message>
        <source>Nothing to report for this period: {tables}.</source>
        <translation>No hay nada que informar en este periodo: {tables}.</translation>
    </message>
    <message>
        <source>No data for this period.</source>
        <translation>No hay datos para este periodo.</translation>
    </message>
    <message>
        <source>mean {value}</source>
        <translation>promedio {value}</translation>
    </message>
    <message>
        <source>{n} MB</source>
        <extracomment>How long after a backup that could not be made the next change tries again.</extracomment>
        <translation>{n} MB</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Copia de seguridad</translation>
    </message>
    <message>
        <source>Backup skipped: disk full ({free} free, {needed} needed)</source>
        <translation>Copia de seguridad omitida: disco lleno ({free} libres, se necesitan {needed})</translation>
    </message>
    <message>
        <source>Today&apos;s backup could not be made; the app works normally.</source>
        <translation>No se pudo hacer la copia de seguridad de hoy; la aplicación funciona con normalidad.</translation>
    </message>
    <message>
        <source>It is tried again a few minutes later while the window is open, and at the next start. The log file says what went wrong.</source>
        <translation>Se vuelve a intentar unos minutos después mientras la ventana esté abierta, y en el próximo inicio. El archivo de registro explica qué salió mal.</translation>
    </message>
    <message>
        <source>Today&apos;s backup was made.</source>
        <extracomment>the day whose backup is there (made now, or found made)</extracomment>
        <translation>Se hizo la copia de seguridad de hoy.</translation>
    </message>
    <message>
        <source>About the event</source>
        <translation>Sobre el evento</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save the performance</source>
        <translation>Guardar la presentación</translation>
    </message>
    <message>
        <source>Sav&amp;e</source>
        <translation>Guar&amp;dar</translation>
    </message>
    <message>
        <source>&amp;Venue:</source>
        <translation>L&amp;ugar:</translation>
    </message>
    <message>
        <source>&amp;On site:</source>
        <translation>&amp;En el lugar:</translation>
    </message>
    <message>
        <source>A&amp;udience:</source>
        <translation>Públ&amp;ico:</translation>
    </message>
    <message>
        <source>&lt;p&gt;Masterclass on {date}, {start}–{end}, with &lt;b&gt;{guest}&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Invited: {invited}.&lt;/p&gt;&lt;p&gt;Present {present} of {expected} · absent {absent} · not recorded {unrecorded} · {hours} student hours (reported apart from ensemble hours).&lt;/p&gt;&lt;p&gt;Take its roll in the Register, on its day.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Clase magistral el {date}, {start}–{end}, con &lt;b&gt;{guest}&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Invitados: {invited}.&lt;/p&gt;&lt;p&gt;Presentes {present} de {expected} · ausentes {absent} · sin registrar {unrecorded} · {hours} horas de estudiantes (se informan aparte de las horas de los conjuntos).&lt;/p&gt;&lt;p&gt;Tome su asistencia en Asistencia, el mismo día.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;{ensemble}, {date} {start}–{end}.&lt;/p&gt;&lt;p&gt;Performers (present on its roll, taken in the Register): &lt;b&gt;{performers}&lt;/b&gt; of {expected}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;{ensemble}, {date} {start}–{end}.&lt;/p&gt;&lt;p&gt;Participantes (presentes en su asistencia, tomada en Asistencia): &lt;b&gt;{performers}&lt;/b&gt; de {expected}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Events</source>
        <extracomment>the day given (tests, screenshots); None: this computer&apos;s date, read each load this computer&apos;s date at the last load the day the list was centred on at the last load: :attr:`today`, or the newest day the register recorded when this computer&apos;s date is certainly wrong</extracomment>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Which events</source>
        <translation>Qué eventos</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Todos los eventos</translation>
    </message>
    <message>
        <source>Family events</source>
        <translation>Eventos familiares</translation>
    </message>
    <message>
        <source>Masterclasses</source>
        <translation>Clases magistrales</translation>
    </message>
    <message>
        <source>Performances</source>
        <translation>Presentaciones</translation>
    </message>
    <message>
        <source>Sho&amp;w:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <source>&amp;New family event…</source>
        <translation>&amp;Nuevo evento familiar…</translation>
    </message>
    <message>
        <source>New &amp;masterclass…</source>
        <translation>Nueva c&amp;lase magistral…</translation>
    </message>
    <message>
        <source>New &amp;performance…</source>
        <translation>Nueva &amp;presentación…</translation>
    </message>
    <message>
        <source>Event messages</source>
        <translation>Mensajes de eventos</translation>
    </message>
    <message>
        <source>Event rows</source>
        <translation>Filas de eventos</translation>
    </message>
    <message>
        <source>Event columns</source>
        <translation>Columnas de eventos</translation>
    </message>
    <message>
        <source>Choose an event, or add one.</source>
        <translation>Elija un evento o agregue uno.</translation>
    </message>
    <message>
        <source>No event chosen</source>
        <translation>No se eligió ningún evento</translation>
    </message>
    <message>
        <source>It says {today}, but this register already has changes from {recorded}, the earliest today can be: the events listed are those of the year before that day and the six months after. Set the date and time in this computer&apos;s settings, then close and reopen Harmony.</source>
        <translation>Muestra el {today}, pero el registro ya tiene cambios del {recorded}, así que hoy es ese día o uno posterior: se listan los eventos del año anterior a ese día y de los seis meses siguientes. Corrija la fecha y la hora de esta computadora y vuelva a abrir Harmony.</translation>
    </message>
    <message>
        <source>About this page</source>
        <extracomment>the year&apos;s dates and the term&apos;s fields, as the form shows them the closure form&apos;s day and reason what a date box says before the page has shown a date in it
----------
what the table is called (screen readers)</extracomment>
        <translation>Acerca de esta página</translation>
    </message>
    <message>
        <source>School year</source>
        <translation>Año escolar</translation>
    </message>
    <message>
        <source>First day of the school year</source>
        <translation>Primer día del año escolar</translation>
    </message>
    <message>
        <source>Last day of the school year</source>
        <translation>Último día del año escolar</translation>
    </message>
    <message>
        <source>Save the year&apos;s dates</source>
        <translation>Guardar las fechas del año</translation>
    </message>
    <message>
        <source>Save t&amp;he year&apos;s dates</source>
        <translation>Guardar las &amp;fechas del año</translation>
    </message>
    <message>
        <source>Yea&amp;r:</source>
        <translation>&amp;Año:</translation>
    </message>
    <message>
        <source>F&amp;irst day:</source>
        <translation>Primer &amp;día:</translation>
    </message>
    <message>
        <source>Last &amp;day:</source>
        <translation>Últi&amp;mo día:</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>Periodos</translation>
    </message>
    <message>
        <source>Term name</source>
        <translation>Nombre del periodo</translation>
    </message>
    <message>
        <source>First day of the term</source>
        <translation>Primer día del periodo</translation>
    </message>
    <message>
        <source>Last day of the term</source>
        <translation>Último día del periodo</translation>
    </message>
    <message>
        <source>Add &amp;term</source>
        <translation>A&amp;gregar periodo</translation>
    </message>
    <message>
        <source>Add a term</source>
        <translation>Agregar un periodo</translation>
    </message>
    <message>
        <source>Sa&amp;ve term</source>
        <translation>G&amp;uardar periodo</translation>
    </message>
    <message>
        <source>Save the chosen term</source>
        <translation>Guardar el periodo elegido</translation>
    </message>
    <message>
        <source>Add c&amp;losure</source>
        <translation>Agregar c&amp;ierre</translation>
    </message>
    <message>
        <source>Closed f&amp;or:</source>
        <translation>Ce&amp;rrado para:</translation>
    </message>
    <message>
        <source>Remove the chosen term</source>
        <translation>Quitar el periodo elegido</translation>
    </message>
    <message>
        <source>Remove ter&amp;m</source>
        <translation>&amp;Quitar periodo</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>Nom&amp;bre:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Desde:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Hasta:</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>Whole programme</source>
        <translation>Todo el programa</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Closure days</source>
        <translation>Días de cierre</translation>
    </message>
    <message>
        <source>Day closed</source>
        <translation>Día cerrado</translation>
    </message>
    <message>
        <source>Who is closed</source>
        <translation>Quién cierra</translation>
    </message>
    <message>
        <source>Reason for the closure</source>
        <translation>Motivo del cierre</translation>
    </message>
    <message>
        <source>Add a closure day</source>
        <translation>Agregar un día de cierre</translation>
    </message>
    <message>
        <source>Remove the chosen closure day</source>
        <translation>Quitar el día de cierre elegido</translation>
    </message>
    <message>
        <source>Reo&amp;pen the day</source>
        <translation>Reabrir e&amp;l día</translation>
    </message>
    <message>
        <source>Closure days (no sessions)</source>
        <translation>Días de cierre (sin sesiones)</translation>
    </message>
    <message>
        <source>D&amp;ate:</source>
        <translation>Fe&amp;cha:</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>Moti&amp;vo:</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>The whole programme</source>
        <translation>Todo el programa</translation>
    </message>
    <message>
        <source>The school year and its terms are shared by the whole programme: a data manager sets them. Closure days of this laptop&apos;s hubs can be added here.</source>
        <translation>El año escolar y sus periodos son comunes a todo el programa: los define un administrador(a) de datos. Aquí se pueden agregar días de cierre de las sedes de esta computadora.</translation>
    </message>
    <message>
        <source>Save the closure day you typed ({day})?</source>
        <translation>¿Guardar el día de cierre que escribió ({day})?</translation>
    </message>
    <message>
        <source>Year saved.</source>
        <translation>Año guardado.</translation>
    </message>
    <message>
        <source>Term saved.</source>
        <translation>Periodo guardado.</translation>
    </message>
    <message>
        <source>Term removed.</source>
        <translation>Periodo quitado.</translation>
    </message>
    <message>
        <source>{day} is closed: no sessions that day.</source>
        <translation>{day} está cerrado: no hay sesiones ese día.</translation>
    </message>
    <message>
        <source>The day is open again.</source>
        <translation>El día está abierto otra vez.</translation>
    </message>
    <message>
        <source>That did not work ({error}). Try again.</source>
        <translation>No funcionó ({error}). Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Domingo</translation>
    </message>
    <message>
        <source>Weekly meetings</source>
        <translation>Reuniones semanales</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Add a meeting</source>
        <translation>Agregar una reunión</translation>
    </message>
    <message>
        <source>Add meet&amp;ing</source>
        <translation>Agregar re&amp;unión</translation>
    </message>
    <message>
        <source>Remove the chosen meeting</source>
        <translation>Quitar la reunión elegida</translation>
    </message>
    <message>
        <source>Remo&amp;ve meeting</source>
        <translation>&amp;Quitar reunión</translation>
    </message>
    <message>
        <source>Day of meeting {n}</source>
        <translation>Día de la reunión {n}</translation>
    </message>
    <message>
        <source>Start of meeting {n}</source>
        <translation>Inicio de la reunión {n}</translation>
    </message>
    <message>
        <source>End of meeting {n}</source>
        <translation>Fin de la reunión {n}</translation>
    </message>
    <message>
        <source>Hu&amp;b:</source>
        <translation>&amp;Sede:</translation>
    </message>
    <message>
        <source>Teacher</source>
        <extracomment>What a set-up change tells the other views.</extracomment>
        <translation>Maestro(a)</translation>
    </message>
    <message>
        <source>Meets</source>
        <translation>Se reúne</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Lugares</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivado</translation>
    </message>
    <message>
        <source>Ensemble name</source>
        <translation>Nombre del conjunto</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Instrument family</source>
        <translation>Familia de instrumentos</translation>
    </message>
    <message>
        <source>Room or location</source>
        <translation>Salón o lugar</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Cupo</translation>
    </message>
    <message>
        <source>Lowest grade</source>
        <translation>Grado más bajo</translation>
    </message>
    <message>
        <source>Highest grade</source>
        <translation>Grado más alto</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Meets only in the terms (s&amp;kips the breaks)</source>
        <translation>Se &amp;reúne solo en los periodos (no en las vacaciones)</translation>
    </message>
    <message>
        <source>New places go to t&amp;he waitlist</source>
        <translation>Los lugares nue&amp;vos van a la lista de espera</translation>
    </message>
    <message>
        <source>Ca&amp;pacity:</source>
        <translation>Cupo má&amp;ximo:</translation>
    </message>
    <message>
        <source>Inst&amp;ruments:</source>
        <translation>&amp;Familia de instrumentos:</translation>
    </message>
    <message>
        <source>R&amp;oom:</source>
        <translation>Sa&amp;lón:</translation>
    </message>
    <message>
        <source>Bring b&amp;ack</source>
        <translation>Recuper&amp;ar</translation>
    </message>
    <message>
        <source>&amp;Teacher:</source>
        <translation>&amp;Maestro(a):</translation>
    </message>
    <message>
        <source>&amp;Grades:</source>
        <translation>Grados es&amp;colares:</translation>
    </message>
    <message>
        <source>&amp;Days:</source>
        <translation>&amp;Días:</translation>
    </message>
    <message>
        <source>&amp;Meets:</source>
        <translation>Días &amp;y horas:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>N&amp;ivel:</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>Arc&amp;hivar</translation>
    </message>
    <message>
        <source>Archive this ensemble</source>
        <translation>Archivar este conjunto</translation>
    </message>
    <message>
        <source>(no teacher yet)</source>
        <translation>(todavía sin maestro(a))</translation>
    </message>
    <message>
        <source>Add a hub first (the Hubs tab).</source>
        <translation>Primero agregue una sede (la pestaña Sedes).</translation>
    </message>
    <message>
        <source>{name} (archived)</source>
        <translation>{name} (archivado/a)</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) from the waitlist took the new places.</source>
        <translation>
            <numerusform>%n estudiante de la lista de espera ocupó un lugar nuevo.</numerusform>
            <numerusform>%n estudiantes de la lista de espera ocuparon los lugares nuevos.</numerusform>
        </translation>
    </message>
    <message>
        <source>These sessions already have marks and are no longer on the schedule; they were kept, check them in the register: {days}.</source>
        <translation>Estas sesiones ya tienen marcas y ya no están en el horario; se conservaron, revíselas en la asistencia: {days}.</translation>
    </message>
    <message>
        <source>Welcome to {app}</source>
        <extracomment>the sync engine to join with (the services&apos; own unless given) the hub to open once the dialog is accepted a backup to put back (the window opens on it; ``ui/app.py``)</extracomment>
        <translation>Bienvenido(a) a {app}</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation>Qué está pasando</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome&lt;/h2&gt;&lt;p&gt;This laptop has no programme yet. How do you want to start? Whatever you choose, the app works without a network.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Bienvenida&lt;/h2&gt;&lt;p&gt;Esta computadora todavía no tiene ningún programa. ¿Cómo quiere empezar? Elija lo que elija, la aplicación funciona sin red.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Receive your programme from its server</source>
        <translation>&amp;Recibir su programa desde su servidor</translation>
    </message>
    <message>
        <source>This laptop is already enrolled: sync now to receive its hubs, ensembles and rosters.</source>
        <translation>Esta computadora ya está registrada: sincronice ahora para recibir sus sedes, conjuntos y listas.</translation>
    </message>
    <message>
        <source>&amp;Join your programme</source>
        <translation>&amp;Unirse a su programa</translation>
    </message>
    <message>
        <source>Your programme runs a sync server: your administrator gives you its address and a one-time code. Your hubs, ensembles and rosters arrive by sync.</source>
        <translation>Su programa tiene un servidor de sincronización: su administrador le da la dirección y un código de un solo uso. Sus sedes, conjuntos y listas llegan al sincronizar.</translation>
    </message>
    <message>
        <source>&amp;Set up a programme on this laptop</source>
        <translation>&amp;Configurar un programa en esta computadora</translation>
    </message>
    <message>
        <source>No server needed: one hub, kept on this laptop for good. Add its ensembles, staff and school year, or import them from a spreadsheet. You can still join a server later.</source>
        <translation>No se necesita servidor: una sede, guardada en esta computadora para siempre. Agregue sus conjuntos, personal y año escolar, o impórtelos de una hoja de cálculo. Más adelante todavía puede unirse a un servidor.</translation>
    </message>
    <message>
        <source>&amp;Try the demo</source>
        <translation>&amp;Probar la demostración</translation>
    </message>
    <message>
        <source>A made-up hub with generated students and attendance, to look around. Nothing in it is about real people.</source>
        <translation>Una sede inventada con estudiantes y asistencia generados, para explorar. Nada de lo que contiene se refiere a personas reales.</translation>
    </message>
    <message>
        <source>Back to the three choices</source>
        <translation>Volver a las tres opciones</translation>
    </message>
    <message>
        <source>A laptop&apos;s disk died or it was replaced, and you have a copy of one of its daily backups (harmony-YYYY-MM-DD.sqlite3): put it back on this one.</source>
        <translation>El disco de una computadora se dañó o se reemplazó la computadora, y usted tiene una copia de uno de sus respaldos diarios (harmony-AAAA-MM-DD.sqlite3): póngalo en esta.</translation>
    </message>
    <message>
        <source>Join your programme</source>
        <translation>Unirse a su programa</translation>
    </message>
    <message>
        <source>Set up a programme on this laptop</source>
        <translation>Configurar un programa en esta computadora</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Probar la demostración</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restaurar un respaldo</translation>
    </message>
    <message>
        <source>Restore a back&amp;up…</source>
        <translation>Restaurar un r&amp;espaldo…</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Your first hub&lt;/h3&gt;&lt;p&gt;A hub is a site where ensembles meet: a park, a school, a community centre. You can add more hubs later (File → Programme set-up).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Su primera sede&lt;/h3&gt;&lt;p&gt;Una sede es un lugar donde se reúnen los conjuntos: un parque, una escuela, un centro comunitario. Puede agregar más sedes después (Archivo → Configuración del programa).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Programme name</source>
        <translation>Nombre del programa</translation>
    </message>
    <message>
        <source>printed at the top of rosters and sheets</source>
        <translation>se imprime arriba de las listas y hojas</translation>
    </message>
    <message>
        <source>Hub name</source>
        <translation>Nombre de la sede</translation>
    </message>
    <message>
        <source>for example Lincoln Park</source>
        <translation>por ejemplo, Lincoln Park</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>&amp;Programme name:</source>
        <translation>Nombre del &amp;programa:</translation>
    </message>
    <message>
        <source>Hub &amp;name:</source>
        <translation>&amp;Nombre de la sede:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>&amp;Time zone:</source>
        <translation>&amp;Zona horaria:</translation>
    </message>
    <message>
        <source>&amp;Create the hub</source>
        <translation>&amp;Crear la sede</translation>
    </message>
    <message>
        <source>Create the hub</source>
        <translation>Crear la sede</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>Receiving your programme from the server…</source>
        <translation>Recibiendo su programa desde el servidor…</translation>
    </message>
    <message>
        <source>This laptop is enrolled, but no hub has arrived yet: the administrator adds hubs to this laptop on the server. Then choose the first button again to sync.</source>
        <translation>Esta computadora está registrada, pero todavía no ha llegado ninguna sede: el administrador agrega sedes a esta computadora en el servidor. Luego elija otra vez el primer botón para sincronizar.</translation>
    </message>
    <message>
        <source>Creating the hub…</source>
        <translation>Creando la sede…</translation>
    </message>
    <message>
        <source>Making the demo hub (a few seconds)…</source>
        <translation>Creando la sede de demostración (unos segundos)…</translation>
    </message>
    <message>
        <source>This build has no demo generator. Join your programme or set one up.</source>
        <translation>Esta instalación no tiene generador de demostraciones. Únase a su programa o configure uno.</translation>
    </message>
    <message>
        <source>Programme set-up — {app}</source>
        <translation>Configuración del programa — {app}</translation>
    </message>
    <message>
        <source>Programme set-up</source>
        <translation>Configuración del programa</translation>
    </message>
    <message>
        <source>Set-up pages</source>
        <translation>Páginas de configuración</translation>
    </message>
    <message>
        <source>H&amp;ubs</source>
        <translation>S&amp;edes</translation>
    </message>
    <message>
        <source>&amp;Ensembles</source>
        <translation>Con&amp;juntos</translation>
    </message>
    <message>
        <source>Sta&amp;ff</source>
        <translation>&amp;Personal</translation>
    </message>
    <message>
        <source>School &amp;year</source>
        <translation>Año esc&amp;olar</translation>
    </message>
    <message>
        <source>Attendance &amp;codes</source>
        <translation>Códigos de asis&amp;tencia</translation>
    </message>
    <message>
        <source>Import a set-up workbook…</source>
        <translation>Importar un libro de configuración…</translation>
    </message>
    <message>
        <source>Import a set-up workbook (Ctrl+I)</source>
        <translation>Importar un libro de configuración (Ctrl+I)</translation>
    </message>
    <message>
        <source>Import a set-up workbook</source>
        <translation>Importar un libro de configuración</translation>
    </message>
    <message>
        <source>Next grade</source>
        <translation>Grado siguiente</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the programme set-up</source>
        <translation>Cerrar la configuración del programa</translation>
    </message>
    <message>
        <source>Students to call home</source>
        <extracomment>the alerts were loaded (how many)</extracomment>
        <translation>Estudiantes a cuyas casas hay que llamar</translation>
    </message>
    <message>
        <source>Students with unexcused absences in a row</source>
        <translation>Estudiantes con faltas injustificadas seguidas</translation>
    </message>
    <message numerus="yes">
        <source>{student} · {ensemble} · %n unexcused absence(s) in a row</source>
        <translation>
            <numerusform>{student} · {ensemble} · %n falta injustificada</numerusform>
            <numerusform>{student} · {ensemble} · %n faltas injustificadas seguidas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) missed several sessions in a row without an excuse: call home.</source>
        <translation>
            <numerusform>%n estudiante faltó a varias sesiones seguidas sin justificación: llame a su casa.</numerusform>
            <numerusform>%n estudiantes faltaron a varias sesiones seguidas sin justificación: llame a sus casas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not cleared</source>
        <extracomment>key -&gt; what it does
----------
the volunteer id of a row what a column sorts by</extracomment>
        <translation>Sin autorización</translation>
    </message>
    <message>
        <source>Valid? · expires {date}</source>
        <translation>¿Vigente? · vence el {date}</translation>
    </message>
    <message>
        <source>Cleared · expires {date}</source>
        <translation>Autorizado(a) · vence el {date}</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>Autorizado(a)</translation>
    </message>
    <message>
        <source>This computer&apos;s date is wrong, so Harmony cannot tell whether this clearance is still valid. It was valid on {recorded}, the newest day this register recorded, and expires on {date}.</source>
        <translation>La fecha de esta computadora está mal, así que Harmony no puede saber si esta autorización sigue vigente. Estaba vigente el {recorded}, el día más reciente que tiene este registro de asistencia, y vence el {date}.</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <extracomment>the clearances were judged on this day, not the session&apos;s (its date is this computer&apos;s, certainly wrong); None: on the session&apos;s day</extracomment>
        <translation>Voluntario(a)</translation>
    </message>
    <message>
        <source>Clearance</source>
        <translation>Autorización</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Confirmed by site lead {name}</source>
        <translation>Confirmado por el coordinador(a) de sede {name}</translation>
    </message>
    <message>
        <source>Volunteer not cleared</source>
        <extracomment>each column&apos;s width with room to spare, and the least the first three shrink to</extracomment>
        <translation>Voluntario(a) sin autorización</translation>
    </message>
    <message>
        <source>Confirm a volunteer who is not cleared</source>
        <translation>Confirmar a un voluntario(a) sin autorización</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name} is not cleared&lt;/b&gt; to work with children:</source>
        <translation>&lt;b&gt;{name} no tiene autorización&lt;/b&gt; para trabajar con niños:</translation>
    </message>
    <message>
        <source>What is missing or expired</source>
        <translation>Lo que falta o está vencido</translation>
    </message>
    <message>
        <source>A site lead must confirm before they are assigned. This is recorded.</source>
        <translation>Un coordinador(a) de sede debe confirmarlo antes de asignarlo. Esto queda registrado.</translation>
    </message>
    <message>
        <source>No site lead is set up for this hub; one must be added before confirming.</source>
        <translation>Esta sede no tiene coordinador(a) registrado; hay que agregar uno antes de confirmar.</translation>
    </message>
    <message>
        <source>Confirm and assign</source>
        <translation>Confirmar y asignar</translation>
    </message>
    <message>
        <source>Times of {name}</source>
        <translation>Horas de {name}</translation>
    </message>
    <message>
        <source>Signed in at</source>
        <translation>Entrada a las</translation>
    </message>
    <message>
        <source>Signed out at</source>
        <translation>Salida a las</translation>
    </message>
    <message>
        <source>Signed in:</source>
        <translation>Entrada:</translation>
    </message>
    <message>
        <source>Signed out:</source>
        <translation>Salida:</translation>
    </message>
    <message>
        <source>Signing out must come after signing in.</source>
        <translation>La salida debe ser posterior a la entrada.</translation>
    </message>
    <message>
        <source>Volunteers at this session</source>
        <extracomment>Qt&apos;s QWIDGETSIZE_MAX (PySide6 does not export it): no maximum size. the register&apos;s question before a write on this computer&apos;s wrong &quot;today&quot; the open session&apos;s start and end (None: not known, the clock&apos;s time is taken) the open session as listed while it is not stored (None: stored); a shift written stores it first</extracomment>
        <translation>Voluntarios en esta sesión</translation>
    </message>
    <message>
        <source>&amp;Volunteers</source>
        <translation>&amp;Voluntarios</translation>
    </message>
    <message>
        <source>Volunteer hours</source>
        <extracomment>the laptop&apos;s choice to hide the table (read when volunteers first show) folded for the roll&apos;s sake on a short screen (not kept: Show unfolds it)</extracomment>
        <translation>Horas de voluntariado</translation>
    </message>
    <message>
        <source>Volunteer save status</source>
        <translation>Estado del guardado de voluntarios</translation>
    </message>
    <message>
        <source>Volunteer columns</source>
        <translation>Columnas de voluntarios</translation>
    </message>
    <message>
        <source>Volunteer rows</source>
        <translation>Filas de voluntarios</translation>
    </message>
    <message>
        <source>Keys: I sign in · O sign out · S signed up · N no-show · C cancelled · Del off this session · T times · ★ assists this ensemble</source>
        <translation>Teclas: I entrada · O salida · S inscrito · N no se presentó · C cancelado · Supr quitar de la sesión · T horas · ★ ayuda en este conjunto</translation>
    </message>
    <message>
        <source>Volunteer keys</source>
        <translation>Teclas de voluntarios</translation>
    </message>
    <message>
        <source>Open a session to see its volunteers.</source>
        <translation>Abra una sesión para ver sus voluntarios.</translation>
    </message>
    <message>
        <source>No volunteers at this hub: add them on the Volunteers tab.</source>
        <translation>Esta sede no tiene voluntarios: agréguelos en la pestaña Voluntarios.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Show the volunteers</source>
        <translation>Mostrar los voluntarios</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Hide the volunteers, for more rows of the roll</source>
        <translation>Ocultar los voluntarios, para ver más filas de la asistencia</translation>
    </message>
    <message>
        <source>{name} has not signed in: sign them in first (key I).</source>
        <translation>{name} no ha registrado su entrada: regístrela primero (tecla I).</translation>
    </message>
    <message>
        <source>{name} signed in at {time}: they cannot sign out before that. Correct the times with T.</source>
        <translation>{name} registró su entrada a las {time}: no puede registrar la salida antes de esa hora. Corrija las horas con T.</translation>
    </message>
    <message>
        <source>Sign the volunteer in first (key I).</source>
        <translation>Primero registre la entrada del voluntario(a) (tecla I).</translation>
    </message>
    <message>
        <source>{here} did not sign out · {left} signed out ({hours:.2f} h)</source>
        <translation>{here} sin salida · {left} con salida ({hours:.2f} h)</translation>
    </message>
    <message>
        <source>{here} here now · {left} signed out ({hours:.2f} h)</source>
        <translation>{here} aquí ahora · {left} ya salieron ({hours:.2f} h)</translation>
    </message>
    <message>
        <source>Report</source>
        <extracomment>Qt&apos;s own sizing of a column (a double click on the edge of its title) reads at most this many cells of the sheet: every cell of a thousand rows of a grid of 2,500 students by 210 dates took twenty seconds. The table itself is sized to each column&apos;s widest texts (``ReportTableModel.widest_rows``), wherever they are. After a resize of the table, how long it must stay still (ms) before the titles are fitted again (not at every step of a drag). a report finished and is shown a file was written: its path</extracomment>
        <translation>Informe</translation>
    </message>
    <message>
        <source>All hubs</source>
        <translation>Todas las sedes</translation>
    </message>
    <message>
        <source>Programme year</source>
        <translation>Año del programa</translation>
    </message>
    <message>
        <source>Only from</source>
        <translation>Solo desde</translation>
    </message>
    <message>
        <source>Only some days</source>
        <translation>Solo algunos días</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Why the period was not taken</source>
        <translation>Por qué no se tomó el periodo</translation>
    </message>
    <message>
        <source>&amp;Run report</source>
        <translation>&amp;Generar informe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avance</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Report table</source>
        <translation>Tabla del informe</translation>
    </message>
    <message>
        <source>Export .xlsx…</source>
        <extracomment>the shown sheet&apos;s cells&apos; widths and its width with every title on one line (None: no sheet, or one with no rows), to decide again on a resize whether titles go on two lines</extracomment>
        <translation>Exportar .xlsx…</translation>
    </message>
    <message>
        <source>Export .csv…</source>
        <translation>Exportar .csv…</translation>
    </message>
    <message>
        <source>Print to PDF…</source>
        <translation>Imprimir en PDF…</translation>
    </message>
    <message>
        <source>Report status</source>
        <translation>Estado del informe</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>Informe:</translation>
    </message>
    <message>
        <source>Hub:</source>
        <translation>Sede:</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Año:</translation>
    </message>
    <message>
        <source>Table:</source>
        <translation>Tabla:</translation>
    </message>
    <message>
        <source>The period ends ({last}) before it starts ({first}). Choose a first day on or before the last.</source>
        <translation>El periodo termina ({last}) antes de empezar ({first}). Elija un primer día igual o anterior al último.</translation>
    </message>
    <message>
        <source>Running the report…</source>
        <translation>Generando el informe…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>PDF, Letter paper</source>
        <translation>PDF, papel carta</translation>
    </message>
    <message>
        <source>PDF, A4 paper</source>
        <translation>PDF, papel A4</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Guardar el informe</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Se guardó {path}</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Escribiendo {name}…</translation>
    </message>
    <message>
        <source>{kind} done</source>
        <extracomment>an empty date box: no date this computer&apos;s date: a clearance ticked done is done then the day its state is judged on (the register&apos;s when this computer&apos;s date is certainly wrong)</extracomment>
        <translation>{kind}: se realizó</translation>
    </message>
    <message>
        <source>date done</source>
        <translation>fecha de realización</translation>
    </message>
    <message>
        <source>expires</source>
        <translation>vence</translation>
    </message>
    <message>
        <source>{kind} state</source>
        <translation>{kind} estado</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Vigente</translation>
    </message>
    <message>
        <source>Expiring</source>
        <translation>Por vencer</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Vencida</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Falta</translation>
    </message>
    <message>
        <source>New volunteer</source>
        <extracomment>the clearances&apos; states are judged on this day (``today`` when None)</extracomment>
        <translation>Nuevo voluntario(a)</translation>
    </message>
    <message>
        <source>Volunteer form</source>
        <translation>Ficha del voluntario(a)</translation>
    </message>
    <message>
        <source>Whose record this is</source>
        <translation>De quién es esta ficha</translation>
    </message>
    <message>
        <source>{name}&apos;s record and clearances are kept by {home}: change them there. Here you choose what they assist at this hub.</source>
        <extracomment>A volunteer of another hub who assists here: their record and clearances belong to their home hub (the server refuses edits from here), so only the ensembles they assist at this hub can change.</extracomment>
        <translation>La ficha y las autorizaciones de {name} las lleva {home}: cámbielas allí. Aquí elige en qué ayuda en esta sede.</translation>
    </message>
    <message>
        <source>their home hub</source>
        <translation>su sede de origen</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>Instrumentos</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Habilidades</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Función:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notas:</translation>
    </message>
    <message>
        <source>Assists at this hub</source>
        <translation>Ayuda en esta sede</translation>
    </message>
    <message>
        <source>Hub and ensembles assisted</source>
        <translation>Sede y conjuntos en que ayuda</translation>
    </message>
    <message>
        <source>The whole hub</source>
        <translation>Toda la sede</translation>
    </message>
    <message>
        <source>Also assists at: {places}</source>
        <translation>También ayuda en: {places}</translation>
    </message>
    <message>
        <source>Clearances</source>
        <translation>Autorizaciones</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Fecha de realización</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Clearance kinds</source>
        <translation>Tipos de autorización</translation>
    </message>
    <message>
        <source>What every volunteer must have before working with children. Months valid: 0 means it does not expire.</source>
        <translation>Lo que todo voluntario(a) debe tener antes de trabajar con niños. Meses de vigencia: 0 significa que no vence.</translation>
    </message>
    <message>
        <source>What every volunteer must have. Only the programme office (a data manager&apos;s laptop) changes these.</source>
        <translation>Lo que todo voluntario(a) debe tener. Solo la oficina del programa (la computadora de un administrador(a) de datos) los cambia.</translation>
    </message>
    <message>
        <source>Months valid</source>
        <translation>Meses de vigencia</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatorio</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>En uso</translation>
    </message>
    <message>
        <source>Name of {kind}</source>
        <translation>Nombre de {kind}</translation>
    </message>
    <message>
        <source>Months {kind} stays valid</source>
        <translation>Meses que {kind} sigue vigente</translation>
    </message>
    <message>
        <source>{kind} is required</source>
        <translation>{kind} es obligatorio</translation>
    </message>
    <message>
        <source>{kind} is in use</source>
        <translation>{kind} está en uso</translation>
    </message>
    <message numerus="yes">
        <source>{kind} expires {date} (in %n day(s))</source>
        <translation>
            <numerusform>{kind} vence el {date} (en %n día)</numerusform>
            <numerusform>{kind} vence el {date} (en %n días)</numerusform>
        </translation>
    </message>
    <message>
        <source>What is due</source>
        <translation>Lo que vence</translation>
    </message>
    <message>
        <source>Assists</source>
        <translation>Ayuda en</translation>
    </message>
    <message>
        <source>no expiry</source>
        <translation>sin vencimiento</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message numerus="yes">
        <source>expired %n day(s) ago</source>
        <translation>
            <numerusform>venció hace %n día</numerusform>
            <numerusform>venció hace %n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>en %n día</numerusform>
            <numerusform>en %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>Search by name, organisation, instrument, skill or ensemble</source>
        <translation>Buscar por nombre, organización, instrumento, habilidad o conjunto</translation>
    </message>
    <message>
        <source>Search the volunteers</source>
        <translation>Buscar voluntarios</translation>
    </message>
    <message>
        <source>Show inactive volunteers</source>
        <translation>Mostrar voluntarios inactivos</translation>
    </message>
    <message>
        <source>Number of volunteers shown</source>
        <translation>Número de voluntarios mostrados</translation>
    </message>
    <message>
        <source>Clearances expiring</source>
        <translation>Autorizaciones por vencer</translation>
    </message>
    <message>
        <source>Clearances expiring within 30 days</source>
        <translation>Autorizaciones que vencen en menos de 30 días</translation>
    </message>
    <message>
        <source>row {row}: {reason}</source>
        <translation>fila {row}: {reason}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Volunteer messages</source>
        <translation>Mensajes de voluntarios</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Expiring within %n day(s)&lt;/b&gt; ({count})</source>
        <translation>
            <numerusform>&lt;b&gt;Vencen en menos de %n día&lt;/b&gt; ({count})</numerusform>
            <numerusform>&lt;b&gt;Vencen en menos de %n días&lt;/b&gt; ({count})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n volunteer(s)</source>
        <translation>
            <numerusform>%n voluntario</numerusform>
            <numerusform>%n voluntarios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n active not cleared</source>
        <translation>
            <numerusform>%n activo sin autorización</numerusform>
            <numerusform>%n activos sin autorización</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}</source>
        <translation>
            <numerusform>%n fila escrita en {path}</numerusform>
            <numerusform>%n filas escritas en {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop {name} assisting at this hub? Their record stays with their home hub.</source>
        <translation>¿Dejar de contar con {name} en esta sede? Su ficha se queda en su sede de origen.</translation>
    </message>
    <message>
        <source>Show ina&amp;ctive</source>
        <translation>&amp;Mostrar inactivos</translation>
    </message>
    <message>
        <source>&amp;New volunteer</source>
        <translation>&amp;Nuevo voluntario(a)</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ab&amp;rir</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Clearance &amp;kinds…</source>
        <translation>&amp;Tipos de autorización…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportar</translation>
    </message>
    <message>
        <source>&amp;Hours per volunteer, hub and month…</source>
        <translation>&amp;Horas por voluntario(a), sede y mes…</translation>
    </message>
    <message>
        <source>Clearance &amp;status…</source>
        <translation>&amp;Estado de las autorizaciones…</translation>
    </message>
    <message>
        <source>S&amp;ummary: active TAs and clearances…</source>
        <translation>&amp;Resumen: asistentes de enseñanza activos y autorizaciones…</translation>
    </message>
    <message>
        <source>Clearances &amp;expiring within 30 days…</source>
        <translation>Autorizaciones que &amp;vencen en menos de 30 días…</translation>
    </message>
    <message>
        <source>It says {today}, but this register already has changes from {recorded}, the earliest today can be: clearances here are judged on that day. Set the date and time in this computer&apos;s settings, then close and reopen Harmony.</source>
        <translation>Muestra el {today}, pero el registro ya tiene cambios del {recorded}, así que hoy es ese día o uno posterior: aquí las autorizaciones se evalúan con esa fecha. Corrija la fecha y la hora de esta computadora y vuelva a abrir Harmony.</translation>
    </message>
    <message>
        <source>Remove {name}? Their record and assignments are deleted on every laptop; hours already recorded stay in the reports.</source>
        <translation>¿Quitar a {name}? Su ficha y sus asignaciones se borran en todas las computadoras; las horas ya registradas se quedan en los informes.</translation>
    </message>
    <message>
        <source>Remove volunteer</source>
        <translation>Quitar voluntario(a)</translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation>Quitado.</translation>
    </message>
    <message>
        <source>Import volunteers</source>
        <translation>Importar voluntarios</translation>
    </message>
    <message>
        <source>As the file shows (the check says how)</source>
        <translation>Como indica el archivo (la revisión dice cómo)</translation>
    </message>
    <message>
        <source>Day first: 31/12/2014</source>
        <translation>Día primero: 31/12/2014</translation>
    </message>
    <message>
        <source>Month first: 12/31/2014</source>
        <translation>Mes primero: 12/31/2014</translation>
    </message>
    <message>
        <source>Order of day and month in the file&apos;s dates</source>
        <translation>Orden del día y el mes en las fechas del archivo</translation>
    </message>
    <message>
        <source>&amp;Dates written with numbers:</source>
        <translation>Fechas escritas con &amp;números:</translation>
    </message>
    <message>
        <source>{refusal}
Or say above, in &quot;Dates written with numbers&quot;, how the file writes its dates, and check again: the dates that cannot be read so are refused on their rows.</source>
        <translation>{refusal}
O indique arriba, en &quot;Fechas escritas con números&quot;, cómo escribe el archivo sus fechas y vuelva a revisar: las fechas que no se puedan leer así se rechazan en su fila.</translation>
    </message>
    <message>
        <source>Choose a CSV or Excel &amp;file…</source>
        <translation>Elija un &amp;archivo CSV o de Excel…</translation>
    </message>
    <message>
        <source>Choose file</source>
        <translation>Elegir archivo</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>No se eligió ningún archivo.</translation>
    </message>
    <message>
        <source>Chosen file</source>
        <translation>Archivo elegido</translation>
    </message>
    <message>
        <source>&amp;1. Check (dry run)</source>
        <translation>&amp;1. Revisar (prueba)</translation>
    </message>
    <message>
        <source>Check the import (dry run)</source>
        <translation>Revisar la importación (prueba)</translation>
    </message>
    <message>
        <source>&amp;2. Import</source>
        <translation>&amp;2. Importar</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Choose the file to import.</source>
        <translation>Elija el archivo que va a importar.</translation>
    </message>
    <message>
        <source>Import summary</source>
        <translation>Resumen de la importación</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>Filas rechazadas</translation>
    </message>
    <message>
        <source>&amp;Rejected rows (row number: reason)</source>
        <extracomment>(services, file, date order) → the report of a dry run or of the import a dry run finished (its report) the import was written (its report) the file, the check or the import was refused (what the window says)</extracomment>
        <translation>&amp;Filas rechazadas (número de fila: motivo)</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt)</source>
        <translation>Hojas de cálculo (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>Dry run: {summary}</source>
        <translation>Prueba: {summary}</translation>
    </message>
    <message>
        <source>The import failed and nothing was changed: {error}</source>
        <translation>La importación falló y no se cambió nada: {error}</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Imported: {summary}</source>
        <translation>Importado: {summary}</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Días restantes</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Restaurar desde un respaldo</translation>
    </message>
    <message>
        <source>Harmony backups (*.sqlite3);;All files (*)</source>
        <translation>Respaldos de Harmony (*.sqlite3);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Put back the backup {name}?

What this laptop holds now is kept beside it as a copy, never deleted. Whatever was recorded after that backup comes back from the sync server if it reached it; the rest stays only in that copy. The window closes and opens again on the backup.</source>
        <translation>¿Volver a poner el respaldo {name}?

Lo que esta computadora tiene ahora se guarda a su lado como copia, nunca se borra. Lo registrado después de ese respaldo vuelve desde el servidor de sincronización si llegó a él; lo demás queda solo en esa copia. La ventana se cierra y se vuelve a abrir con el respaldo.</translation>
    </message>
    <message>
        <source>The daily backups in {folder}, the one holding the newest data first. Each says when its data was last changed.</source>
        <translation>Los respaldos diarios en {folder}, primero el que tiene los datos más recientes. Cada uno dice cuándo se cambiaron sus datos por última vez.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Respaldos</translation>
    </message>
    <message>
        <source>What it holds</source>
        <translation>Qué contiene</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Archivo de respaldo</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>&amp;Other file…</source>
        <translation>&amp;Otro archivo…</translation>
    </message>
    <message>
        <source>A backup elsewhere: a copy on a USB stick, say</source>
        <translation>Un respaldo en otro lugar: por ejemplo, una copia en una memoria USB</translation>
    </message>
    <message>
        <source>This computer&apos;s database is empty (0 bytes): it is damaged, not new.</source>
        <translation>La base de datos de esta computadora está vacía (0 bytes): está dañada, no es nueva.</translation>
    </message>
    <message>
        <source>This computer&apos;s database is damaged: part of it can no longer be read.</source>
        <translation>La base de datos de esta computadora está dañada: una parte ya no se puede leer.</translation>
    </message>
    <message>
        <source>Nothing has been changed in it.</source>
        <translation>No se modificó nada en ella.</translation>
    </message>
    <message>
        <source>Choose Restore a backup… to put back one of its daily backups (the newest is usually the one to choose). The damaged file is kept beside it, never deleted. Or close this message and ask your administrator for help.</source>
        <translation>Elija Restaurar un respaldo… para volver a poner uno de sus respaldos diarios (normalmente el más reciente es el indicado). El archivo dañado se guarda a su lado, nunca se borra. O cierre este mensaje y pida ayuda a su administrador.</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Archivo: {path}</translation>
    </message>
    <message>
        <source>SQLite reported: {detail}</source>
        <translation>SQLite informó: {detail}</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Restaurar un respaldo…</translation>
    </message>
    <message>
        <source>{name} was not put back, and nothing was changed: {reason}</source>
        <translation>No se volvió a poner {name} y no se cambió nada: {reason}</translation>
    </message>
    <message>
        <source>Restored {name}.</source>
        <translation>Se restauró {name}.</translation>
    </message>
    <message>
        <source>What this laptop held before is kept as {file}.</source>
        <translation>Lo que esta computadora tenía antes se guarda como {file}.</translation>
    </message>
    <message>
        <source>This backup was not taken on this computer, so this computer is not enrolled yet: ask your administrator for a new enrollment code and enroll it with Sync ▸ Enroll this laptop. The changes in it that never reached the server are sent at its first sync.</source>
        <translation>Este respaldo no se hizo en esta computadora, así que esta computadora todavía no está registrada: pida a su administrador un código de registro nuevo y regístrela con Sincronización ▸ Registrar esta computadora. Los cambios que contiene y que nunca llegaron al servidor se envían en su primera sincronización.</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy</source>
        <translation>ddd d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>The session cancelled now is the one on {today}.</source>
        <extracomment>What is asked about: a mark (or a volunteer, an event&apos;s attendance) on the roll ... ... cancelling a session dated the wrong &quot;today&quot; ... ... or adding a session (its date starts on the day shown). the window&apos;s &quot;today&quot; (this computer&apos;s date when it opened) this computer&apos;s clock is behind what the register recorded (None: it is not, or not known yet) the teacher went on (&quot;Take roll anyway&quot;, &quot;Cancel session anyway&quot;, &quot;Add session anyway&quot;) in this window</extracomment>
        <translation>La sesión que cancele ahora es la del {today}.</translation>
    </message>
    <message>
        <source>Cancel session anyway</source>
        <translation>Cancelar la sesión de todos modos</translation>
    </message>
    <message>
        <source>A session added now is dated {today} unless you change its date.</source>
        <translation>Una sesión que agregue ahora queda con fecha del {today}, a menos que cambie su fecha.</translation>
    </message>
    <message>
        <source>Add session anyway</source>
        <translation>Agregar la sesión de todos modos</translation>
    </message>
    <message>
        <source>Marks taken now are saved on {today}.</source>
        <translation>Las marcas que tome ahora quedan con fecha del {today}.</translation>
    </message>
    <message>
        <source>Check this computer&apos;s date</source>
        <translation>Revise la fecha de esta computadora</translation>
    </message>
    <message>
        <source>This computer says today is {today}, but this register already has changes from {recorded}.</source>
        <translation>Esta computadora dice que hoy es {today}, pero el registro de asistencia ya tiene cambios del {recorded}.</translation>
    </message>
    <message>
        <source>If you can, set the date and time in this computer&apos;s settings first, then close and reopen Harmony.</source>
        <translation>Si puede, corrija primero la fecha y la hora en la configuración de esta computadora y luego cierre y vuelva a abrir Harmony.</translation>
    </message>
    <message>
        <source>Take roll anyway</source>
        <translation>Tomar asistencia de todos modos</translation>
    </message>
    <message>
        <source>Programme</source>
        <extracomment>What a new name tells the other views (printouts read it when they print).</extracomment>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Printed at the top of rosters, sign-in sheets and reports</source>
        <translation>Se imprime arriba de las listas, las hojas de asistencia y los informes</translation>
    </message>
    <message>
        <source>Pro&amp;gramme name:</source>
        <translation>Nombre del progra&amp;ma:</translation>
    </message>
    <message>
        <source>Save name</source>
        <translation>Guardar nombre</translation>
    </message>
    <message>
        <source>Save the programme&apos;s name</source>
        <translation>Guardar el nombre del programa</translation>
    </message>
    <message>
        <source>About the programme&apos;s name</source>
        <translation>Sobre el nombre del programa</translation>
    </message>
    <message>
        <source>Set on your sync server for every laptop of the programme, so it cannot be changed on this laptop: to change it, the office uses the sync server&apos;s administration (harmony-sync set-programme-name), and this laptop prints the new name from its next sync.</source>
        <translation>Se define en su servidor de sincronización para todas las computadoras del programa, así que no se puede cambiar en esta computadora: para cambiarlo, la oficina usa la administración del servidor (harmony-sync set-programme-name), y esta computadora imprime el nuevo nombre desde su siguiente sincronización.</translation>
    </message>
    <message>
        <source>The name typed on this laptop before it joined, “{name}”, was only ever printed here: the server&apos;s name replaces it, and nothing else is lost.</source>
        <translation>El nombre que se escribió en esta computadora antes de unirse, “{name}”, solo se imprimía aquí: el nombre del servidor lo reemplaza, y no se pierde nada más.</translation>
    </message>
    <message>
        <source>Printed at the top of rosters, sign-in sheets and reports from this laptop.</source>
        <translation>Se imprime arriba de las listas, las hojas de asistencia y los informes de esta computadora.</translation>
    </message>
    <message>
        <source>Save the programme&apos;s name “{name}”?</source>
        <translation>¿Guardar el nombre del programa “{name}”?</translation>
    </message>
    <message>
        <source>Saved: printouts from this laptop are headed with this name.</source>
        <translation>Guardado: los impresos de esta computadora llevan este nombre en el encabezado.</translation>
    </message>
    <message>
        <source>Save the changes to “{name}”?</source>
        <translation>¿Guardar los cambios en “{name}”?</translation>
    </message>
    <message>
        <source>Save the new entry you typed?</source>
        <translation>¿Guardar lo nuevo que escribió?</translation>
    </message>
    <message>
        <source>What you typed is not saved yet.</source>
        <translation>Lo que escribió todavía no está guardado.</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>The disk is full, so this computer&apos;s database cannot be opened.</source>
        <translation>El disco está lleno, así que no se puede abrir la base de datos de esta computadora.</translation>
    </message>
    <message>
        <source>Free some space on the disk holding {folder} (empty the wastebasket, move videos or old files elsewhere), then start the app again.</source>
        <translation>Libere espacio en el disco de {folder} (vacíe la papelera, mueva videos o archivos viejos a otro lugar) y vuelva a iniciar la aplicación.</translation>
    </message>
    <message>
        <source>This computer&apos;s database is in use by another program, so the app cannot open it now.</source>
        <translation>La base de datos de esta computadora está en uso por otro programa, así que la aplicación no puede abrirla ahora.</translation>
    </message>
    <message>
        <source>Another Harmony command may be running (a printout, an import, a backup or a sync started from the command line or a scheduled task). Wait a minute for it to finish, or close it, then choose Try again.</source>
        <translation>Puede estar en curso otro comando de Harmony (una impresión, una importación, un respaldo o una sincronización iniciados desde la línea de comandos o una tarea programada). Espere un minuto a que termine, o ciérrelo, y elija Intentar de nuevo.</translation>
    </message>
    <message>
        <source>Another Harmony command may be running (a printout, an import, a backup or a sync started from the command line or a scheduled task). Wait a minute for it to finish, or close it, then start the app again.</source>
        <translation>Puede estar en curso otro comando de Harmony (una impresión, una importación, un respaldo o una sincronización iniciados desde la línea de comandos o una tarea programada). Espere un minuto a que termine, o ciérrelo, y vuelva a iniciar la aplicación.</translation>
    </message>
    <message>
        <source>This computer&apos;s database could not be read from its disk: the disk may have been disconnected, or be failing.</source>
        <translation>No se pudo leer del disco la base de datos de esta computadora: puede que el disco se haya desconectado o que esté fallando.</translation>
    </message>
    <message>
        <source>Check that the disk holding {folder} is connected, then start the app again. If this keeps happening, ask your administrator for help: the disk may be failing.</source>
        <translation>Revise que el disco de {folder} esté conectado y vuelva a iniciar la aplicación. Si esto sigue pasando, pida ayuda a su administrador: puede que el disco esté fallando.</translation>
    </message>
    <message>
        <source>This computer&apos;s database cannot be opened: its folder is on a read-only disk, or this account may not write to it.</source>
        <translation>No se puede abrir la base de datos de esta computadora: su carpeta está en un disco de solo lectura, o esta cuenta no tiene permiso para escribir en ella.</translation>
    </message>
    <message>
        <source>Make the disk writable again, or ask your administrator to let this account write to {folder} and the files in it, then start the app again.</source>
        <translation>Vuelva a permitir la escritura en el disco, o pida a su administrador que dé permiso a esta cuenta para escribir en {folder} y en sus archivos, y vuelva a iniciar la aplicación.</translation>
    </message>
    <message>
        <source>This is not damage: nothing in the database has been changed, and restoring a backup would not help (it would lose the changes made since it was taken).</source>
        <translation>No es un daño: no se modificó nada en la base de datos, y restaurar un respaldo no ayudaría (perdería los cambios hechos desde que se tomó).</translation>
    </message>
    <message>
        <source>Error reported: {detail}</source>
        <translation>Error informado: {detail}</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Intentar de nuevo</translation>
    </message>
    <message>
        <source>DD/MM/YYYY or YYYY-MM-DD</source>
        <translation>DD/MM/AAAA o AAAA-MM-DD</translation>
    </message>
    <message>
        <source>MM/DD/YYYY or YYYY-MM-DD</source>
        <translation>MM/DD/AAAA o AAAA-MM-DD</translation>
    </message>
    <message>
        <source>“{typed}” is not a date. Type it like {example} (day/month/year) or {iso}.</source>
        <translation>“{typed}” no es una fecha. Escríbala como {example} (día/mes/año) o {iso}.</translation>
    </message>
    <message>
        <source>“{typed}” is not a date. Type it like {example} (month/day/year) or {iso}.</source>
        <translation>“{typed}” no es una fecha. Escríbala como {example} (mes/día/año) o {iso}.</translation>
    </message>
    <message>
        <source>Up or Down: a day later or earlier. Page Up or Page Down: a week. Alt+Down or F4: the calendar.</source>
        <extracomment>the date the text says changed: a ``dt.date``, or None (empty, or no date) the placeholder&apos;s pattern is the language&apos;s (Babel&apos;s): a box that opens with a date (the register&apos;s day bar, on the first paint, before Babel is loaded) asks for it only once its text is cleared the text the box last wrote for a date, and that date: read back without parsing it again (no Babel on the first paint of the register&apos;s day bar)</extracomment>
        <translation>Flecha arriba o abajo: un día después o antes. Re Pág o Av Pág: una semana. Alt+Flecha abajo o F4: el calendario.</translation>
    </message>
    <message>
        <source>Pick from a calendar</source>
        <extracomment>the box writes the weekday before the date an empty box is a date not given (a clearance not done), not a refusal the last date the box read: what :meth:`date` says while the text is no date</extracomment>
        <translation>Elegir en un calendario</translation>
    </message>
    <message>
        <source>Pick from a calendar (Alt+Down)</source>
        <translation>Elegir en un calendario (Alt+Flecha abajo)</translation>
    </message>
    <message>
        <source>Type a date, or pick one (Alt+Down).</source>
        <translation>Escriba una fecha o elíjala (Alt+Flecha abajo).</translation>
    </message>
    <message>
        <source>{date} is not between {first} and {last}.</source>
        <translation>{date} no está entre el {first} y el {last}.</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
    <message>
        <source>Read as {date}</source>
        <translation>Leída como {date}</translation>
    </message>
    <message>
        <source>Date as read</source>
        <translation>Fecha como se leyó</translation>
    </message>
    <message>
        <source>Harmony Desktop is already open on this computer, with the data in {folder}, but its window did not come forward.</source>
        <extracomment>The file a second start writes for the open window to come forward. How long a second start waits for the open window: it may itself be starting. How often the open window looks for a request its watcher was not told of.</extracomment>
        <translation>Harmony Desktop ya está abierto en esta computadora, con los datos en {folder}, pero su ventana no pasó al frente.</translation>
    </message>
    <message>
        <source>Look for its window in the taskbar and use it: two windows on one register would not see each other&apos;s marks. If that window has stopped responding, close it (or restart the computer), then start Harmony Desktop again.</source>
        <translation>Busque su ventana en la barra de tareas y úsela: dos ventanas sobre un mismo registro no verían las marcas de la otra. Si esa ventana dejó de responder, ciérrela (o reinicie la computadora) y vuelva a abrir Harmony Desktop.</translation>
    </message>
    <message>
        <source>Move students up a grade</source>
        <extracomment>What moving students up tells the other views.</extracomment>
        <translation>Pasar a los estudiantes al grado siguiente</translation>
    </message>
    <message>
        <source>Each student moves up one grade a year, and their grade is then recorded for the new year. Students in grade 12 finish school: they become inactive, and a line in their notes says why. Nothing is written until you confirm. A student already moved up for this year, here or on another laptop, is not moved again.</source>
        <translation>Cada estudiante sube un grado por año, y su grado queda registrado para el año nuevo. Los estudiantes de grado 12 terminan la escuela: pasan a inactivos, y una línea en sus notas dice por qué. No se guarda nada hasta que usted lo confirme. Un estudiante que ya pasó de grado para este año, aquí o en otra computadora, no vuelve a pasar.</translation>
    </message>
    <message>
        <source>Students of</source>
        <translation>Estudiantes de</translation>
    </message>
    <message>
        <source>Also move up students whose grade has no recorded &amp;school year (taken as last year&apos;s)</source>
        <translation>Pasar también a los estudiantes cuyo grado no tiene &amp;curso escolar registrado (se toma como del año pasado)</translation>
    </message>
    <message>
        <source>Students &amp;of:</source>
        <translation>Estudiantes &amp;de:</translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation>Lo que va a pasar</translation>
    </message>
    <message>
        <source>&amp;Who finishes school, and who would be outside their ensemble&apos;s grades:</source>
        <translation>&amp;Quién termina la escuela y quién quedaría fuera de los grados de su conjunto:</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Qué pasa</translation>
    </message>
    <message>
        <source>Who finishes school, and who would be outside their ensemble&apos;s grades</source>
        <translation>Quién termina la escuela y quién quedaría fuera de los grados de su conjunto</translation>
    </message>
    <message>
        <source>&amp;Move students up a grade…</source>
        <translation>Pasar a los estudiantes al grado &amp;siguiente…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Move students up a grade for {year}</source>
        <translation>Pasar a los estudiantes al grado siguiente para {year}</translation>
    </message>
    <message numerus="yes">
        <source>Every hub on this laptop (%n hub(s))</source>
        <translation>
            <numerusform>Todas las sedes de esta computadora (%n sede)</numerusform>
            <numerusform>Todas las sedes de esta computadora (%n sedes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Finishes school (grade 12): becomes inactive</source>
        <translation>Termina la escuela (grado 12): pasa a inactivo</translation>
    </message>
    <message>
        <source>Grade {grade}: {ensemble} is for grades {low} to {high}</source>
        <translation>Grado {grade}: {ensemble} es para los grados {low} a {high}</translation>
    </message>
    <message>
        <source>Nobody.</source>
        <translation>Nadie.</translation>
    </message>
    <message>
        <source>&amp;Move students up a grade for {year}…</source>
        <translation>Pasar a los estudiantes al grado &amp;siguiente para {year}…</translation>
    </message>
    <message>
        <source>Nobody to move up for {year}.</source>
        <translation>No hay nadie que pasar de grado para {year}.</translation>
    </message>
    <message numerus="yes">
        <source>Move %n student(s) up a grade for {year}?</source>
        <translation>
            <numerusform>¿Pasar %n estudiante al grado siguiente para {year}?</numerusform>
            <numerusform>¿Pasar %n estudiantes al grado siguiente para {year}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) in grade 12 will become inactive.</source>
        <translation>
            <numerusform>%n estudiante de grado 12 pasará a inactivo.</numerusform>
            <numerusform>%n estudiantes de grado 12 pasarán a inactivos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Move them up</source>
        <translation>Pasarlos de grado</translation>
    </message>
    <message>
        <source>Done: {moved} moved up, {finished} finished school.</source>
        <translation>Hecho: {moved} pasaron de grado, {finished} terminaron la escuela.</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Guardian</source>
        <extracomment>any field changed the user asked to remove this contact the title without its Alt key (&quot;Contact 2&quot;), as messages and names say it each field with the label that names it (after the contact&apos;s title)</extracomment>
        <translation>Tutor(a)</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Contacto de emergencia</translation>
    </message>
    <message>
        <source>Authorized pickup</source>
        <translation>Autorizado para recoger</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nombre completo</translation>
    </message>
    <message>
        <source>mother, grandfather, neighbour…</source>
        <translation>madre, abuelo, vecina…</translation>
    </message>
    <message>
        <source>(323) 555-0100</source>
        <translation>(323) 555-0100</translation>
    </message>
    <message>
        <source>Empty if none. e.g. &quot;No contact with father&quot;</source>
        <translation>Vacío si no hay. P. ej., &quot;Sin contacto con el padre&quot;</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Other phone</source>
        <translation>Otro teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Custody restriction</source>
        <translation>Restricción de custodia</translation>
    </message>
</context>
<context>
    <name>Enrollment</name>
    <message>
        <source>Applied</source>
        <translation>Solicitó</translation>
    </message>
    <message>
        <source>Waitlisted</source>
        <translation>En lista de espera</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Dado de baja</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminó</translation>
    </message>
</context>
<context>
    <name>EnrollmentPanel</name>
    <message>
        <source>Ensemble</source>
        <extracomment>enrollments changed (the roster should reload)</extracomment>
        <translation>Conjunto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Solicitó</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminó</translation>
    </message>
    <message>
        <source>Enrollments</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <source>Enrollment history</source>
        <translation>Historial de inscripciones</translation>
    </message>
    <message>
        <source>Ensemble to enroll in</source>
        <translation>Conjunto en el que inscribir</translation>
    </message>
    <message>
        <source>Date of the change</source>
        <translation>Fecha del cambio</translation>
    </message>
    <message>
        <source>Waitlist priority: lower is offered a place first</source>
        <translation>Prioridad en la lista de espera: al número más bajo se le ofrece lugar primero</translation>
    </message>
    <message>
        <source>Waitlist priority</source>
        <translation>Prioridad en la lista de espera</translation>
    </message>
    <message>
        <source>E&amp;nroll</source>
        <translation>I&amp;nscribir</translation>
    </message>
    <message>
        <source>A&amp;dd to waitlist</source>
        <translation>Agregar a la &amp;lista de espera</translation>
    </message>
    <message>
        <source>&amp;Withdraw selected</source>
        <translation>&amp;Dar de baja la seleccionada</translation>
    </message>
    <message>
        <source>&amp;on</source>
        <translation>&amp;el</translation>
    </message>
    <message>
        <source>p&amp;riority</source>
        <translation>p&amp;rioridad</translation>
    </message>
    <message>
        <source>H&amp;istory of the selected enrollment</source>
        <translation>&amp;Historial de la inscripción seleccionada</translation>
    </message>
    <message>
        <source>Reason for withdrawing (required)</source>
        <translation>Motivo de la baja (obligatorio)</translation>
    </message>
    <message>
        <source>Withdrawal reason</source>
        <translation>Motivo de la baja</translation>
    </message>
    <message>
        <source>Enrollment messages</source>
        <translation>Mensajes de inscripción</translation>
    </message>
    <message>
        <source>Enroll, Add to waitlist and Withdraw take effect at once: they are saved when you click them, whether or not you then save or cancel this form.</source>
        <translation>Inscribir, Agregar a la lista de espera y Dar de baja tienen efecto de inmediato: se guardan al hacer clic, aunque después guarde o cancele este formulario.</translation>
    </message>
    <message>
        <source>These changes are immediate</source>
        <translation>Estos cambios son inmediatos</translation>
    </message>
    <message>
        <source>{place} of {total} in line</source>
        <translation>{place} de {total} en la lista</translation>
    </message>
    <message>
        <source>Enrolled in {name}.</source>
        <translation>Inscrito en {name}.</translation>
    </message>
    <message>
        <source>Added to the waitlist of {name}.</source>
        <translation>Agregado a la lista de espera de {name}.</translation>
    </message>
    <message>
        <source>Select the enrollment to withdraw.</source>
        <translation>Seleccione la inscripción que quiere dar de baja.</translation>
    </message>
    <message>
        <source>Withdrawn.</source>
        <translation>Dado de baja.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import students</source>
        <extracomment>the import was written (its report) a dry run finished (its report) the file was read</extracomment>
        <translation>Importar estudiantes</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Columna del archivo</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Ejemplo</translation>
    </message>
    <message>
        <source>Goes into</source>
        <translation>Va a</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>Correspondencia de columnas</translation>
    </message>
    <message>
        <source>row {row}: {reason}</source>
        <translation>fila {row}: {reason}</translation>
    </message>
    <message>
        <source>Rejected rows and rows to check</source>
        <translation>Filas rechazadas y filas a revisar</translation>
    </message>
    <message>
        <source>Check &amp;where each column goes. Columns set to &quot;(ignore)&quot; are skipped.</source>
        <translation>&amp;Revise adónde va cada columna. Las columnas marcadas &quot;(ignorar)&quot; se omiten.</translation>
    </message>
    <message>
        <source>&amp;Rejected rows and rows to check (row number: reason)</source>
        <translation>&amp;Filas rechazadas y filas a revisar (número de fila: motivo)</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx *.txt)</source>
        <translation>Hojas de cálculo (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Leyendo {name}…</translation>
    </message>
    <message numerus="yes">
        <source>{name}: %n row(s) ({encoding})</source>
        <translation>
            <numerusform>{name}: %n fila ({encoding})</numerusform>
            <numerusform>{name}: %n filas ({encoding})</numerusform>
        </translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>(ignorar)</translation>
    </message>
    <message>
        <source>Field for column {header}</source>
        <translation>Campo para la columna {header}</translation>
    </message>
    <message>
        <source>Check the mapping, then run the dry run.</source>
        <translation>Revise la correspondencia y luego haga la prueba.</translation>
    </message>
    <message>
        <source>Dry run: {summary}</source>
        <translation>Prueba: {summary}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) to check (imported all the same): see the list below.</source>
        <translation>
            <numerusform>%n fila a revisar (se importa de todos modos): vea la lista de abajo.</numerusform>
            <numerusform>%n filas a revisar (se importan de todos modos): vea la lista de abajo.</numerusform>
        </translation>
    </message>
    <message>
        <source>row {row} (to check): {reason}</source>
        <translation>fila {row} (a revisar): {reason}</translation>
    </message>
    <message>
        <source>Imported: {summary}</source>
        <translation>Importado: {summary}</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>picked up by guardian</source>
        <extracomment>The documents a site prints, in menu order.</extracomment>
        <translation>lo recogió su tutor(a)</translation>
    </message>
    <message>
        <source>medical</source>
        <translation>médico</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>cita</translation>
    </message>
    <message>
        <source>transport</source>
        <translation>transporte</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <source>Could not print: the printer {printer} could not be used. Check that it is switched on and connected, then print again, or print to PDF instead.</source>
        <translation>No se pudo imprimir: no se pudo usar la impresora {printer}. Revise que esté encendida y conectada, e imprima de nuevo, o imprima en PDF.</translation>
    </message>
    <message>
        <source>Could not print: the printer could not be used. Check that it is switched on and connected, then print again, or print to PDF instead.</source>
        <translation>No se pudo imprimir: no se pudo usar la impresora. Revise que esté encendida y conectada, e imprima de nuevo, o imprima en PDF.</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>File Folder</source>
        <translation>Carpeta de archivos</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Acceso directo</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
</context>
<context>
    <name>QCupsJobWidget</name>
    <message>
        <source>Job &amp;priority:</source>
        <translation>&amp;Prioridad del trabajo:</translation>
    </message>
    <message>
        <source>Scheduled &amp;printing:</source>
        <translation>Impresión pro&amp;gramada:</translation>
    </message>
    <message>
        <source>&amp;Billing information:</source>
        <translation>Información de factu&amp;ración:</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>&amp;Inicial:</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>&amp;Final:</translation>
    </message>
</context>
<context>
    <name>QCupsPrinterSupport</name>
    <message>
        <source>Authentication Needed</source>
        <translation>Se necesita autenticación</translation>
    </message>
    <message>
        <source>Authentication needed to use %1.</source>
        <translation>Se necesita autenticación para usar %1.</translation>
    </message>
    <message>
        <source>Authentication needed to use %1 on %2.</source>
        <translation>Se necesita autenticación para usar %1 en %2.</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Ver en:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Ficheros de &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Page &amp;order:</source>
        <translation>&amp;Orden de páginas:</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>&amp;Páginas por hoja:</translation>
    </message>
</context>
<context>
    <name>QPrintDialog</name>
    <message>
        <source>Invalid Pages Definition</source>
        <translation>Definición de páginas no válida</translation>
    </message>
    <message>
        <source>%1 does not follow the correct syntax. Please use &apos;,&apos; to separate ranges and pages, &apos;-&apos; to define ranges and make sure ranges do not intersect with each other.</source>
        <translation>%1 no tiene la sintaxis correcta. Use &apos;,&apos; para separar intervalos y páginas y &apos;-&apos; para indicar un intervalo, y compruebe que los intervalos no se superpongan.</translation>
    </message>
    <message>
        <source>Duplex Settings Conflicts</source>
        <translation>Conflicto en la impresión a doble cara</translation>
    </message>
    <message>
        <source>There are conflicts in duplex settings. Do you want to fix them?</source>
        <translation>La configuración de impresión a doble cara tiene conflictos. ¿Desea corregirlos?</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesDialog</name>
    <message>
        <source>Page Setup Conflicts</source>
        <translation>Conflictos en la configuración de página</translation>
    </message>
    <message>
        <source>There are conflicts in page setup options. Do you want to fix them?</source>
        <translation>La configuración de página tiene conflictos. ¿Desea corregirlos?</translation>
    </message>
    <message>
        <source>Advanced Option Conflicts</source>
        <translation>Conflictos en las opciones avanzadas</translation>
    </message>
    <message>
        <source>There are conflicts in some advanced options. Do you want to fix them?</source>
        <translation>Algunas opciones avanzadas tienen conflictos. ¿Desea corregirlos?</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesWidget</name>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>There are conflicts in some options. Please fix them.</source>
        <translation>Algunas opciones están en conflicto. Corríjalas, por favor.</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>&amp;Conjunto de páginas:</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Double Sided Printing</source>
        <translation>Impresión a doble cara</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>Encuadernación por el lado largo</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>Encuadernación por el lado corto</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>Indique páginas o intervalos separados por comas. Un intervalo son dos números separados por un guion. Por ejemplo, 3,5-7,9 imprime las páginas 3, 5, 6, 7 y 9.</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>yes</source>
        <extracomment>the id of a row&apos;s record (``record.id``)</extracomment>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln fila</numerusform>
            <numerusform>%Ln filas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Roster</source>
        <extracomment>the roster was (re)loaded: number of students &quot;Move students up a grade…&quot; on the reminder: Programme set-up&apos;s Next grade tab</extracomment>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Search by name, district id, ensemble, instrument, grade or status</source>
        <translation>Buscar por nombre, ID del distrito, conjunto, instrumento, grado o estado</translation>
    </message>
    <message>
        <source>Search the roster</source>
        <translation>Buscar en la lista</translation>
    </message>
    <message>
        <source>Show archived students</source>
        <translation>Mostrar estudiantes archivados</translation>
    </message>
    <message>
        <source>Number of students shown</source>
        <translation>Número de estudiantes mostrados</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Searc&amp;h:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Show ar&amp;chived</source>
        <translation>Mostrar archi&amp;vados</translation>
    </message>
    <message>
        <source>&amp;New student</source>
        <translation>&amp;Nuevo estudiante</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ab&amp;rir</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>Arc&amp;hivar</translation>
    </message>
    <message>
        <source>&amp;Waitlists…</source>
        <translation>&amp;Listas de espera…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportar</translation>
    </message>
    <message>
        <source>Ensemble to print</source>
        <translation>Conjunto para imprimir</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>I&amp;mprimir</translation>
    </message>
    <message>
        <source>Print fo&amp;r</source>
        <translation>Imprimir &amp;para</translation>
    </message>
    <message>
        <source>Roster messages</source>
        <translation>Mensajes de la lista</translation>
    </message>
    <message>
        <source>&amp;Roster…</source>
        <translation>&amp;Lista…</translation>
    </message>
    <message>
        <source>&amp;Contacts…</source>
        <translation>&amp;Contactos…</translation>
    </message>
    <message>
        <source>&amp;Attendance…</source>
        <translation>&amp;Asistencia…</translation>
    </message>
    <message>
        <source>&amp;Class roster…</source>
        <translation>Lista de la &amp;clase…</translation>
    </message>
    <message>
        <source>&amp;Sign-in / sign-out sheet…</source>
        <translation>&amp;Hoja de entrada y salida…</translation>
    </message>
    <message>
        <source>Paper &amp;roll sheet…</source>
        <translation>Hoja de asistencia en &amp;papel…</translation>
    </message>
    <message>
        <source>&amp;Emergency contact sheet…</source>
        <translation>Hoja de contactos de &amp;emergencia…</translation>
    </message>
    <message>
        <source>&amp;No-photo list…</source>
        <translation>Lista de estudiantes sin &amp;fotos…</translation>
    </message>
    <message>
        <source>Move students up a grade…</source>
        <translation>Pasar a los estudiantes al grado siguiente…</translation>
    </message>
    <message>
        <source>Move students up a grade</source>
        <translation>Pasar a los estudiantes al grado siguiente</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message numerus="yes">
        <source>{year} has begun: %n student&apos;s grade is still for an earlier year.</source>
        <translation>
            <numerusform>Empezó {year}: el grado de %n estudiante todavía es de un año anterior.</numerusform>
            <numerusform>Empezó {year}: el grado de %n estudiantes todavía es de un año anterior.</numerusform>
        </translation>
    </message>
    <message>
        <source>All ensembles</source>
        <translation>Todos los conjuntos</translation>
    </message>
    <message numerus="yes">
        <source>%n student(s)</source>
        <translation>
            <numerusform>%n estudiante</numerusform>
            <numerusform>%n estudiantes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n student(s)</source>
        <translation>
            <numerusform>{shown} de %n estudiante</numerusform>
            <numerusform>{shown} de %n estudiantes</numerusform>
        </translation>
    </message>
    <message>
        <source>R&amp;estore</source>
        <translation>R&amp;estaurar</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) exported to {name}.</source>
        <translation>
            <numerusform>%n fila exportada a {name}.</numerusform>
            <numerusform>%n filas exportadas a {name}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved {name}.</source>
        <translation>Se guardó {name}.</translation>
    </message>
    <message>
        <source>{name} is active again.</source>
        <translation>{name} está activo(a) otra vez.</translation>
    </message>
    <message>
        <source>Archive student</source>
        <translation>Archivar estudiante</translation>
    </message>
    <message>
        <source>Archive {name}? They leave rolls and printouts; their records are kept and you can restore them from &quot;Show archived&quot;.</source>
        <translation>¿Archivar a {name}? Dejará de aparecer en la asistencia y en los impresos; sus datos se conservan y puede restaurarlo desde &quot;Mostrar archivados&quot;.</translation>
    </message>
    <message>
        <source>{name} is archived.</source>
        <translation>{name} quedó archivado(a).</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Libro de Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <source>Name</source>
        <extracomment>the student id of a row</extracomment>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Grado</translation>
    </message>
    <message>
        <source>District ID</source>
        <translation>ID del distrito</translation>
    </message>
    <message>
        <source>Ensembles</source>
        <translation>Conjuntos</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrumento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivado</translation>
    </message>
</context>
<context>
    <name>SignInDayDialog</name>
    <message>
        <source>Sign-in sheet: which day?</source>
        <translation>Hoja de entrada y salida: ¿qué día?</translation>
    </message>
    <message>
        <source>Sign-in sheet day</source>
        <translation>Día de la hoja de entrada y salida</translation>
    </message>
    <message>
        <source>Meeting day</source>
        <translation>Día de reunión</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy</source>
        <translation>dddd d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>Today, {date}</source>
        <translation>Hoy, {date}</translation>
    </message>
    <message>
        <source>Days {ensemble} meets:</source>
        <translation>Días en que se reúne {ensemble}:</translation>
    </message>
    <message>
        <source>{ensemble} has no meeting from a week ago to five weeks ahead.</source>
        <translation>{ensemble} no tiene reuniones desde hace una semana hasta dentro de cinco semanas.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Día:</translation>
    </message>
</context>
<context>
    <name>StudentDialog</name>
    <message>
        <source>New student</source>
        <extracomment>the student was saved (id) &quot;Open that student instead&quot;: the existing student&apos;s id (the form closes unsaved) &quot;Save and enroll…&quot; on a new student&apos;s form: the new student&apos;s id, after ``saved`` (the page opens the student&apos;s form on its Enrollment tab) the grade as stored and the programme year it is for (&quot;&quot; when not recorded) the programme year holding today: what a grade changed here is saved for</extracomment>
        <translation>Nuevo estudiante</translation>
    </message>
    <message>
        <source>Student: {name}</source>
        <translation>Estudiante: {name}</translation>
    </message>
    <message>
        <source>Student form sections</source>
        <translation>Secciones del formulario del estudiante</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Form messages</source>
        <translation>Mensajes del formulario</translation>
    </message>
    <message>
        <source>Possible duplicate warning</source>
        <translation>Aviso de posible duplicado</translation>
    </message>
    <message>
        <source>Open that student instead</source>
        <translation>Abrir ese estudiante</translation>
    </message>
    <message>
        <source>Save student</source>
        <translation>Guardar estudiante</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(sin indicar)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archivado</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Permisos</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>&amp;Perfil</translation>
    </message>
    <message>
        <source>Cont&amp;acts</source>
        <translation>C&amp;ontactos</translation>
    </message>
    <message>
        <source>&amp;Health and permissions</source>
        <translation>Salud &amp;y permisos</translation>
    </message>
    <message>
        <source>&amp;Enrollment</source>
        <translation>&amp;Inscripción</translation>
    </message>
    <message>
        <source>Open &amp;that student instead</source>
        <translation>&amp;Abrir ese estudiante</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save and &amp;enroll…</source>
        <translation>Guardar e &amp;inscribir…</translation>
    </message>
    <message>
        <source>Save, then enroll in an ensemble</source>
        <translation>Guardar y luego inscribir en un conjunto</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Grade and age note</source>
        <translation>Nota sobre el grado y la edad</translation>
    </message>
    <message>
        <source>The grade&apos;s school year</source>
        <translation>Curso escolar del grado</translation>
    </message>
    <message>
        <source>Legal &amp;first name *</source>
        <translation>&amp;Nombre legal *</translation>
    </message>
    <message>
        <source>Legal &amp;last name *</source>
        <translation>Apellido &amp;legal *</translation>
    </message>
    <message>
        <source>Preferred &amp;name</source>
        <translation>Nom&amp;bre preferido</translation>
    </message>
    <message>
        <source>Date of &amp;birth</source>
        <translation>&amp;Fecha de nacimiento</translation>
    </message>
    <message>
        <source>G&amp;rade</source>
        <translation>G&amp;rado</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>&amp;Estado</translation>
    </message>
    <message>
        <source>Sch&amp;ool</source>
        <translation>Esc&amp;uela</translation>
    </message>
    <message>
        <source>&amp;District student id</source>
        <translation>ID &amp;de estudiante del distrito</translation>
    </message>
    <message>
        <source>State&amp;wide student id</source>
        <translation>ID e&amp;statal del estudiante</translation>
    </message>
    <message>
        <source>Ho&amp;me language</source>
        <translation>Idioma del &amp;hogar</translation>
    </message>
    <message>
        <source>&amp;Guardian&apos;s language</source>
        <translation>Idioma del &amp;tutor(a)</translation>
    </message>
    <message>
        <source>&amp;Instrument</source>
        <translation>Instru&amp;mento</translation>
    </message>
    <message>
        <source>Le&amp;vel</source>
        <translation>Ni&amp;vel</translation>
    </message>
    <message>
        <source>Photo consent &amp;given</source>
        <translation>&amp;Dio permiso para fotos</translation>
    </message>
    <message>
        <source>May &amp;walk home alone</source>
        <translation>Puede irse caminando &amp;solo(a) a casa</translation>
    </message>
    <message>
        <source>A&amp;llergies</source>
        <translation>A&amp;lergias</translation>
    </message>
    <message>
        <source>&amp;Medical notes</source>
        <translation>Notas &amp;médicas</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Notas</translation>
    </message>
    <message>
        <source>At least two contacts: a guardian and an emergency contact. Tick who may pick the student up, and write any custody restriction staff must know.</source>
        <translation>Al menos dos contactos: un tutor(a) y un contacto de emergencia. Marque quién puede recoger al estudiante y escriba cualquier restricción de custodia que el personal deba saber.</translation>
    </message>
    <message>
        <source>A&amp;dd contact</source>
        <translation>Ag&amp;regar contacto</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Agregar contacto</translation>
    </message>
    <message>
        <source>Contact {n}</source>
        <translation>Contacto {n}</translation>
    </message>
    <message>
        <source>{contact}: {error}</source>
        <translation>{contact}: {error}</translation>
    </message>
    <message>
        <source>No contacts yet: add a guardian and an emergency contact so staff can always reach someone.</source>
        <translation>Todavía no hay contactos: agregue un tutor(a) y un contacto de emergencia para que el personal siempre pueda comunicarse con alguien.</translation>
    </message>
    <message>
        <source>Only one contact: add a second one (an emergency contact) so staff can always reach someone.</source>
        <translation>Solo un contacto: agregue otro (un contacto de emergencia) para que el personal siempre pueda comunicarse con alguien.</translation>
    </message>
    <message>
        <source>Grade for {year}</source>
        <translation>Grado del curso {year}</translation>
    </message>
    <message>
        <source>Last year&apos;s grade ({year}): Programme set-up&apos;s Next grade tab moves students up</source>
        <translation>Grado del año pasado ({year}): la pestaña Grado siguiente de Configuración del programa pasa a los estudiantes al grado siguiente</translation>
    </message>
    <message>
        <source>Last year&apos;s grade ({year}): see Next grade</source>
        <translation>Grado del año pasado ({year}): vea Grado siguiente</translation>
    </message>
    <message>
        <source>Last year&apos;s grade ({year})</source>
        <translation>Grado del año pasado ({year})</translation>
    </message>
    <message>
        <source>Grade for {year}, an earlier year: Programme set-up&apos;s Next grade tab moves students up</source>
        <translation>Grado de {year}, un año anterior: la pestaña Grado siguiente de Configuración del programa pasa a los estudiantes al grado siguiente</translation>
    </message>
    <message>
        <source>Grade for {year}, an earlier year: see Next grade</source>
        <translation>Grado de {year}, un año anterior: vea Grado siguiente</translation>
    </message>
    <message>
        <source>Grade for {year}, an earlier year</source>
        <translation>Grado de {year}, un año anterior</translation>
    </message>
    <message>
        <source>Usually grade {usual} at {age}: check</source>
        <translation>{age} años: lo habitual es grado {usual}</translation>
    </message>
    <message>
        <source>Usually grade {usual}</source>
        <translation>Lo habitual: grado {usual}</translation>
    </message>
    <message>
        <source>This may be a student already on the roster (same name and date of birth, or same guardian phone):
{list}
Open that student instead, or click &quot;Save anyway&quot; if this really is another child.</source>
        <translation>Puede que este estudiante ya esté en la lista (mismo nombre y fecha de nacimiento, o mismo teléfono del tutor(a)):
{list}
Abra ese estudiante, o haga clic en &quot;Guardar de todos modos&quot; si de verdad es otro niño(a).</translation>
    </message>
    <message>
        <source>Open &amp;the first of them instead</source>
        <translation>&amp;Abrir el primero de ellos</translation>
    </message>
    <message>
        <source>&amp;Save anyway</source>
        <translation>&amp;Guardar de todos modos</translation>
    </message>
</context>
<context>
    <name>TimeField</name>
    <message>
        <source>“{typed}” is not a time. Type it like {example}.</source>
        <translation>«{typed}» no es una hora. Escríbala así: {example}</translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message>
        <source>Waitlists</source>
        <extracomment>someone was enrolled from the waitlist</extracomment>
        <translation>Listas de espera</translation>
    </message>
    <message>
        <source>Ensemble</source>
        <translation>Conjunto</translation>
    </message>
    <message>
        <source>Enrollment date</source>
        <translation>Fecha de inscripción</translation>
    </message>
    <message>
        <source>Places taken</source>
        <translation>Lugares ocupados</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>Waitlisted on</source>
        <translation>En lista de espera desde</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <source>Enroll next from waitlist</source>
        <translation>Inscribir al siguiente de la lista de espera</translation>
    </message>
    <message>
        <source>Waitlist messages</source>
        <translation>Mensajes de la lista de espera</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>on</source>
        <translation>el</translation>
    </message>
    <message numerus="yes">
        <source>{taken} of %n place(s) taken</source>
        <translation>
            <numerusform>{taken} de %n lugar ocupado</numerusform>
            <numerusform>{taken} de %n lugares ocupados</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} is enrolled.</source>
        <translation>{name} quedó inscrito(a).</translation>
    </message>
</context>
</TS>
