/**
 * French UI strings (formal address, French typographic spaces before `:`, `;`, `?` and inside « »), one per key of `KEYS` (`keys.ts`) in its order.
 */
import type { StringList } from './keys.js';

const fr: StringList = [
  'Message', // placeholder
  'Envoyer', // send
  'Arrêter', // stop
  'Réessayer', // retry
  'Nouvelle conversation', // newThread
  'Fermer', // dismiss
  'Copier', // copy
  'Copié', // copied
  'Conversation', // messages
  'Vous', // you
  'Assistant', // assistant
  'Chargement de la conversation…', // loading
  'Interrogation de la page : {name}…', // toolRunning
  '{name} utilisé', // toolDone
  'Carte', // widget
  'Image', // image
  'Cette conversation est fermée.', // closed
  'Cette conversation est verrouillée.', // locked
  'Conversations', // history
  'Afficher les conversations', // openHistory
  'Masquer les conversations', // closeHistory
  'Conversation sans titre', // untitled
  'Renommer {title}', // rename
  'Nouveau titre', // renameTitle
  'Supprimer {title}', // delete
  'Supprimer « {title} » ?', // confirmDelete
  'Annuler', // cancel
  'Enregistrer', // save
  'Sera envoyé à la fin de cette réponse', // queued
  'Réponse incomplète', // incomplete
  'Aucune conversation pour le moment.', // noThreads
  'Impossible de charger les conversations.', // historyFailed
  'Chargement des messages précédents…', // loadingOlder
  'Aller au plus récent', // jumpToNewest
  'Nouveau texte plus bas', // newTextBelow
  'Joindre des fichiers', // attach
  'Retirer', // remove
  'Réessayer l’envoi', // retryUpload
  'Échec de l’envoi', // uploadFailed
  'Pièces jointes', // attached
  '{name} est trop volumineux ({size} au maximum).', // tooLarge
  '{name} n’est pas d’un type pris en charge.', // badType
  'Vous pouvez joindre au plus {count} fichiers.', // tooMany
  'Déposez des fichiers à joindre', // dropFiles
  'Dicter', // dictate
  'Arrêter et transcrire', // stopDictation
  'Transcription…', // transcribing
  'L’accès au micro a été refusé.', // micDenied
  'Aucun micro n’a été trouvé.', // noMic
  'Impossible de transcrire l’enregistrement.', // transcribeFailed
  'Bonne réponse', // goodResponse
  'Mauvaise réponse', // badResponse
  'Régénérer', // regenerate
  'Outil', // tool
  'Aucun outil', // noTool
  'Modèle', // model
  'Suggestions', // suggestions
  'Envoyer', // rich.submit
  'Passer', // rich.skip
  'Passée', // rich.skipped
  'En cours…', // rich.working
  'Terminé', // rich.done
  'Génération de l’image…', // rich.generatingImage
  'Image générée', // rich.generatedImage
  'Image masquée (son domaine n’est pas autorisé)', // rich.imageBlocked
  'Afficher plus', // rich.showMore
  'Votre réponse', // rich.yourAnswer
  'Une erreur s’est produite lors de la génération de la réponse.', // errors.stream.error
  'Un problème est survenu.', // errors.custom
  'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.', // errors.network
  'Vous êtes hors ligne. Votre message a été conservé ; renvoyez-le une fois la connexion rétablie.', // errors.offline
  'Le serveur n’a pas pu traiter la requête.', // errors.http
  'Le serveur a envoyé une réponse que ce chat ne sait pas lire.', // errors.bad_content_type
  'Le serveur a envoyé un message mal formé.', // errors.bad_frame
  'Le serveur a terminé la réponse sans rien répondre.', // errors.empty_stream
  'Le serveur ne répond plus.', // errors.idle_timeout
  'Le serveur a envoyé un message trop volumineux.', // errors.frame_too_large
  'Cette conversation est introuvable ; une nouvelle conversation a été démarrée.', // errors.thread_not_found
  'Impossible de renommer la conversation.', // errors.rename_failed
  'Impossible de supprimer la conversation.', // errors.delete_failed
  'Impossible d’envoyer votre avis.', // errors.feedback_failed
  'Attendez la fin de la réponse en cours.', // errors.busy
  'Saisissez d’abord un message.', // errors.empty_message
  'Il n’y a rien à réessayer.', // errors.nothing_to_retry
  'Un problème est survenu.', // errors.unknown
];

export default fr;
