/**
 * Japanese UI strings (polite form), one per key of `KEYS` (`keys.ts`) in its order.
 */
import type { StringList } from './keys.js';

const ja: StringList = [
  'メッセージ', // placeholder
  '送信', // send
  '停止', // stop
  '再試行', // retry
  '新しい会話', // newThread
  '閉じる', // dismiss
  'コピー', // copy
  'コピーしました', // copied
  '会話', // messages
  'あなた', // you
  'アシスタント', // assistant
  '会話を読み込んでいます…', // loading
  'ページに問い合わせ中: {name}…', // toolRunning
  '{name} を使用しました', // toolDone
  'カード', // widget
  '画像', // image
  'この会話は終了しています。', // closed
  'この会話はロックされています。', // locked
  '会話履歴', // history
  '会話履歴を表示', // openHistory
  '会話履歴を隠す', // closeHistory
  '無題の会話', // untitled
  '{title} の名前を変更', // rename
  '新しいタイトル', // renameTitle
  '{title} を削除', // delete
  '「{title}」を削除しますか？', // confirmDelete
  'キャンセル', // cancel
  '保存', // save
  'この回答が終わると送信されます', // queued
  '不完全な回答', // incomplete
  'まだ会話はありません。', // noThreads
  '会話履歴を読み込めませんでした。', // historyFailed
  '以前のメッセージを読み込んでいます…', // loadingOlder
  '最新へ移動', // jumpToNewest
  '下に新しいテキスト', // newTextBelow
  'ファイルを添付', // attach
  '削除', // remove
  'アップロードを再試行', // retryUpload
  'アップロードに失敗しました', // uploadFailed
  '添付ファイル', // attached
  '{name} は大きすぎます（最大 {size}）。', // tooLarge
  '{name} は対応していない形式です。', // badType
  '添付できるファイルは最大 {count} 個です。', // tooMany
  'ドロップして添付', // dropFiles
  '音声入力', // dictate
  '停止して文字起こし', // stopDictation
  '文字起こし中…', // transcribing
  'マイクへのアクセスが拒否されました。', // micDenied
  'マイクが見つかりません。', // noMic
  '録音を文字起こしできませんでした。', // transcribeFailed
  '良い回答', // goodResponse
  '悪い回答', // badResponse
  '再生成', // regenerate
  'ツール', // tool
  'ツールなし', // noTool
  'モデル', // model
  'おすすめ', // suggestions
  '送信', // rich.submit
  'スキップ', // rich.skip
  'スキップ済み', // rich.skipped
  '処理中…', // rich.working
  '完了', // rich.done
  '画像を生成しています…', // rich.generatingImage
  '生成された画像', // rich.generatedImage
  '画像は表示されません(ドメインが許可されていません)', // rich.imageBlocked
  'さらに表示', // rich.showMore
  'あなたの回答', // rich.yourAnswer
  '応答の生成中にエラーが発生しました。', // errors.stream.error
  '問題が発生しました。', // errors.custom
  'サーバーに接続できませんでした。接続を確認して、もう一度お試しください。', // errors.network
  'オフラインです。メッセージは保持されています。オンラインに戻ったら、もう一度送信してください。', // errors.offline
  'サーバーがリクエストを処理できませんでした。', // errors.http
  'このチャットでは読み取れない応答がサーバーから返されました。', // errors.bad_content_type
  'サーバーから不正な形式のメッセージが送信されました。', // errors.bad_frame
  'サーバーが回答を返さずに応答を終了しました。', // errors.empty_stream
  'サーバーからの応答が止まりました。', // errors.idle_timeout
  'サーバーから大きすぎるメッセージが送信されました。', // errors.frame_too_large
  'その会話が見つからなかったため、新しい会話を開始しました。', // errors.thread_not_found
  '会話の名前を変更できませんでした。', // errors.rename_failed
  '会話を削除できませんでした。', // errors.delete_failed
  'フィードバックを送信できませんでした。', // errors.feedback_failed
  '現在の回答が終わるまでお待ちください。', // errors.busy
  '先にメッセージを入力してください。', // errors.empty_message
  '再試行できるものがありません。', // errors.nothing_to_retry
  '問題が発生しました。', // errors.unknown
];

export default ja;
