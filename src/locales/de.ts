/**
 * German UI strings (formal address), one per key of `KEYS` (`keys.ts`) in its order.
 */
import type { StringList } from './keys.js';

const de: StringList = [
  'Nachricht', // placeholder
  'Senden', // send
  'Stoppen', // stop
  'Erneut versuchen', // retry
  'Neue Unterhaltung', // newThread
  'Schließen', // dismiss
  'Kopieren', // copy
  'Kopiert', // copied
  'Unterhaltung', // messages
  'Sie', // you
  'Assistent', // assistant
  'Unterhaltung wird geladen…', // loading
  'Seite wird abgefragt: {name}…', // toolRunning
  '{name} verwendet', // toolDone
  'Karte', // widget
  'Bild', // image
  'Diese Unterhaltung ist geschlossen.', // closed
  'Diese Unterhaltung ist gesperrt.', // locked
  'Unterhaltungen', // history
  'Unterhaltungen anzeigen', // openHistory
  'Unterhaltungen ausblenden', // closeHistory
  'Unbenannte Unterhaltung', // untitled
  '{title} umbenennen', // rename
  'Neuer Titel', // renameTitle
  '{title} löschen', // delete
  '„{title}“ löschen?', // confirmDelete
  'Abbrechen', // cancel
  'Speichern', // save
  'Wird gesendet, wenn diese Antwort fertig ist', // queued
  'Unvollständige Antwort', // incomplete
  'Noch keine Unterhaltungen.', // noThreads
  'Die Unterhaltungen konnten nicht geladen werden.', // historyFailed
  'Frühere Nachrichten werden geladen…', // loadingOlder
  'Zum Neuesten springen', // jumpToNewest
  'Neuer Text unten', // newTextBelow
  'Dateien anhängen', // attach
  'Entfernen', // remove
  'Erneut hochladen', // retryUpload
  'Hochladen fehlgeschlagen', // uploadFailed
  'Anhänge', // attached
  '{name} ist zu groß (höchstens {size}).', // tooLarge
  '{name} hat keinen unterstützten Dateityp.', // badType
  'Sie können höchstens {count} Dateien anhängen.', // tooMany
  'Dateien zum Anhängen ablegen', // dropFiles
  'Diktieren', // dictate
  'Beenden und umwandeln', // stopDictation
  'Wird umgewandelt…', // transcribing
  'Der Zugriff auf das Mikrofon wurde verweigert.', // micDenied
  'Es wurde kein Mikrofon gefunden.', // noMic
  'Die Aufnahme konnte nicht umgewandelt werden.', // transcribeFailed
  'Gute Antwort', // goodResponse
  'Schlechte Antwort', // badResponse
  'Neu erzeugen', // regenerate
  'Werkzeug', // tool
  'Kein Werkzeug', // noTool
  'Modell', // model
  'Vorschläge', // suggestions
  'Absenden', // rich.submit
  'Überspringen', // rich.skip
  'Übersprungen', // rich.skipped
  'Wird bearbeitet…', // rich.working
  'Fertig', // rich.done
  'Bild wird erzeugt…', // rich.generatingImage
  'Erzeugtes Bild', // rich.generatedImage
  'Bild nicht angezeigt (seine Domain ist nicht erlaubt)', // rich.imageBlocked
  'Mehr anzeigen', // rich.showMore
  'Ihre Antwort', // rich.yourAnswer
  'Beim Erstellen der Antwort ist ein Fehler aufgetreten.', // errors.stream.error
  'Etwas ist schiefgelaufen.', // errors.custom
  'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.', // errors.network
  'Sie sind offline. Ihre Nachricht wurde aufbewahrt; senden Sie sie erneut, sobald Sie wieder online sind.', // errors.offline
  'Der Server konnte die Anfrage nicht verarbeiten.', // errors.http
  'Der Server hat eine Antwort gesendet, die dieser Chat nicht lesen kann.', // errors.bad_content_type
  'Der Server hat eine fehlerhafte Nachricht gesendet.', // errors.bad_frame
  'Der Server hat die Antwort ohne Inhalt beendet.', // errors.empty_stream
  'Der Server antwortet nicht mehr.', // errors.idle_timeout
  'Der Server hat eine zu große Nachricht gesendet.', // errors.frame_too_large
  'Diese Unterhaltung wurde nicht gefunden, daher wurde eine neue begonnen.', // errors.thread_not_found
  'Die Unterhaltung konnte nicht umbenannt werden.', // errors.rename_failed
  'Die Unterhaltung konnte nicht gelöscht werden.', // errors.delete_failed
  'Ihr Feedback konnte nicht gesendet werden.', // errors.feedback_failed
  'Bitte warten Sie, bis die aktuelle Antwort fertig ist.', // errors.busy
  'Geben Sie zuerst eine Nachricht ein.', // errors.empty_message
  'Es gibt nichts zu wiederholen.', // errors.nothing_to_retry
  'Etwas ist schiefgelaufen.', // errors.unknown
];

export default de;
