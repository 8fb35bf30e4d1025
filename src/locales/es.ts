/**
 * Spanish UI strings (informal address, as in most chat products), one per key of `KEYS` (`keys.ts`) in its order.
 */
import type { StringList } from './keys.js';

const es: StringList = [
  'Mensaje', // placeholder
  'Enviar', // send
  'Detener', // stop
  'Reintentar', // retry
  'Nueva conversación', // newThread
  'Cerrar', // dismiss
  'Copiar', // copy
  'Copiado', // copied
  'Conversación', // messages
  'Tú', // you
  'Asistente', // assistant
  'Cargando la conversación…', // loading
  'Consultando la página: {name}…', // toolRunning
  'Se usó {name}', // toolDone
  'Tarjeta', // widget
  'Imagen', // image
  'Esta conversación está cerrada.', // closed
  'Esta conversación está bloqueada.', // locked
  'Conversaciones', // history
  'Mostrar conversaciones', // openHistory
  'Ocultar conversaciones', // closeHistory
  'Conversación sin título', // untitled
  'Cambiar el nombre de {title}', // rename
  'Nuevo título', // renameTitle
  'Eliminar {title}', // delete
  '¿Eliminar «{title}»?', // confirmDelete
  'Cancelar', // cancel
  'Guardar', // save
  'Se enviará cuando termine esta respuesta', // queued
  'Respuesta incompleta', // incomplete
  'Todavía no hay conversaciones.', // noThreads
  'No se pudieron cargar las conversaciones.', // historyFailed
  'Cargando mensajes anteriores…', // loadingOlder
  'Ir a lo más reciente', // jumpToNewest
  'Texto nuevo abajo', // newTextBelow
  'Adjuntar archivos', // attach
  'Quitar', // remove
  'Reintentar subida', // retryUpload
  'Error al subir', // uploadFailed
  'Adjuntos', // attached
  '{name} es demasiado grande (máximo {size}).', // tooLarge
  '{name} no es de un tipo admitido.', // badType
  'Puedes adjuntar como máximo {count} archivos.', // tooMany
  'Suelta archivos para adjuntarlos', // dropFiles
  'Dictar', // dictate
  'Detener y transcribir', // stopDictation
  'Transcribiendo…', // transcribing
  'Se denegó el acceso al micrófono.', // micDenied
  'No se encontró ningún micrófono.', // noMic
  'No se pudo transcribir la grabación.', // transcribeFailed
  'Buena respuesta', // goodResponse
  'Mala respuesta', // badResponse
  'Regenerar', // regenerate
  'Herramienta', // tool
  'Sin herramienta', // noTool
  'Modelo', // model
  'Sugerencias', // suggestions
  'Enviar', // rich.submit
  'Omitir', // rich.skip
  'Omitida', // rich.skipped
  'Trabajando…', // rich.working
  'Listo', // rich.done
  'Generando imagen…', // rich.generatingImage
  'Imagen generada', // rich.generatedImage
  'Imagen no mostrada (su dominio no está permitido)', // rich.imageBlocked
  'Mostrar más', // rich.showMore
  'Tu respuesta', // rich.yourAnswer
  'Se produjo un error al generar la respuesta.', // errors.stream.error
  'Algo salió mal.', // errors.custom
  'No se pudo conectar con el servidor. Comprueba tu conexión e inténtalo de nuevo.', // errors.network
  'No tienes conexión. Tu mensaje se ha guardado; vuelve a enviarlo cuando recuperes la conexión.', // errors.offline
  'El servidor no pudo procesar la solicitud.', // errors.http
  'El servidor envió una respuesta que este chat no puede leer.', // errors.bad_content_type
  'El servidor envió un mensaje con un formato incorrecto.', // errors.bad_frame
  'El servidor terminó la respuesta sin contestar.', // errors.empty_stream
  'El servidor dejó de responder.', // errors.idle_timeout
  'El servidor envió un mensaje demasiado grande.', // errors.frame_too_large
  'No se encontró esa conversación, así que se inició una nueva.', // errors.thread_not_found
  'No se pudo cambiar el nombre de la conversación.', // errors.rename_failed
  'No se pudo eliminar la conversación.', // errors.delete_failed
  'No se pudo enviar tu valoración.', // errors.feedback_failed
  'Espera a que termine la respuesta actual.', // errors.busy
  'Escribe un mensaje primero.', // errors.empty_message
  'No hay nada que reintentar.', // errors.nothing_to_retry
  'Algo salió mal.', // errors.unknown
];

export default es;
