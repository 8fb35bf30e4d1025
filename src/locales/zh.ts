/**
 * Chinese UI strings (Simplified Chinese), one per key of `KEYS` (`keys.ts`) in its order.
 */
import type { StringList } from './keys.js';

const zh: StringList = [
  '输入消息', // placeholder
  '发送', // send
  '停止', // stop
  '重试', // retry
  '新对话', // newThread
  '关闭', // dismiss
  '复制', // copy
  '已复制', // copied
  '对话', // messages
  '你', // you
  '助手', // assistant
  '正在加载对话…', // loading
  '正在询问页面：{name}…', // toolRunning
  '已使用 {name}', // toolDone
  '卡片', // widget
  '图片', // image
  '此对话已关闭。', // closed
  '此对话已锁定。', // locked
  '对话记录', // history
  '显示对话记录', // openHistory
  '隐藏对话记录', // closeHistory
  '未命名对话', // untitled
  '重命名 {title}', // rename
  '新标题', // renameTitle
  '删除 {title}', // delete
  '要删除“{title}”吗？', // confirmDelete
  '取消', // cancel
  '保存', // save
  '将在此回答结束后发送', // queued
  '回答不完整', // incomplete
  '还没有对话。', // noThreads
  '无法加载对话记录。', // historyFailed
  '正在加载更早的消息…', // loadingOlder
  '跳到最新', // jumpToNewest
  '下方有新内容', // newTextBelow
  '添加附件', // attach
  '移除', // remove
  '重新上传', // retryUpload
  '上传失败', // uploadFailed
  '附件', // attached
  '{name} 太大（最多 {size}）。', // tooLarge
  '{name} 的类型不受支持。', // badType
  '最多只能添加 {count} 个文件。', // tooMany
  '拖放文件以添加', // dropFiles
  '语音输入', // dictate
  '停止并转写', // stopDictation
  '正在转写…', // transcribing
  '麦克风访问被拒绝。', // micDenied
  '未找到麦克风。', // noMic
  '无法转写录音。', // transcribeFailed
  '回答不错', // goodResponse
  '回答不好', // badResponse
  '重新生成', // regenerate
  '工具', // tool
  '不使用工具', // noTool
  '模型', // model
  '推荐问题', // suggestions
  '提交', // rich.submit
  '跳过', // rich.skip
  '已跳过', // rich.skipped
  '处理中…', // rich.working
  '完成', // rich.done
  '正在生成图片…', // rich.generatingImage
  '生成的图片', // rich.generatedImage
  '图片未显示(其域名不在允许范围内)', // rich.imageBlocked
  '显示更多', // rich.showMore
  '你的回答', // rich.yourAnswer
  '生成回复时出错。', // errors.stream.error
  '出了点问题。', // errors.custom
  '无法连接到服务器。请检查网络连接后重试。', // errors.network
  '你已离线。消息已保留，恢复联网后请重新发送。', // errors.offline
  '服务器无法处理该请求。', // errors.http
  '服务器返回了此聊天无法读取的响应。', // errors.bad_content_type
  '服务器发送了格式错误的消息。', // errors.bad_frame
  '服务器未给出回答就结束了响应。', // errors.empty_stream
  '服务器已停止响应。', // errors.idle_timeout
  '服务器发送的消息过大。', // errors.frame_too_large
  '找不到该对话，已为你开始新的对话。', // errors.thread_not_found
  '无法重命名对话。', // errors.rename_failed
  '无法删除对话。', // errors.delete_failed
  '无法发送反馈。', // errors.feedback_failed
  '请等待当前回答完成。', // errors.busy
  '请先输入消息。', // errors.empty_message
  '没有可重试的内容。', // errors.nothing_to_retry
  '出了点问题。', // errors.unknown
];

export default zh;
