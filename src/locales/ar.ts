/**
 * Arabic UI strings (Modern Standard Arabic; the element lays them out right to left), one per key of `KEYS` (`keys.ts`) in its order.
 */
import type { StringList } from './keys.js';

const ar: StringList = [
  'اكتب رسالة', // placeholder
  'إرسال', // send
  'إيقاف', // stop
  'إعادة المحاولة', // retry
  'محادثة جديدة', // newThread
  'إغلاق', // dismiss
  'نسخ', // copy
  'تم النسخ', // copied
  'المحادثة', // messages
  'أنت', // you
  'المساعد', // assistant
  'جارٍ تحميل المحادثة…', // loading
  'جارٍ سؤال الصفحة: {name}…', // toolRunning
  'تم استخدام {name}', // toolDone
  'بطاقة', // widget
  'صورة', // image
  'هذه المحادثة مغلقة.', // closed
  'هذه المحادثة مقفلة.', // locked
  'المحادثات', // history
  'عرض المحادثات', // openHistory
  'إخفاء المحادثات', // closeHistory
  'محادثة بلا عنوان', // untitled
  'إعادة تسمية {title}', // rename
  'العنوان الجديد', // renameTitle
  'حذف {title}', // delete
  'هل تريد حذف «{title}»؟', // confirmDelete
  'إلغاء', // cancel
  'حفظ', // save
  'سيُرسل عند انتهاء هذه الإجابة', // queued
  'إجابة غير مكتملة', // incomplete
  'لا توجد محادثات بعد.', // noThreads
  'تعذّر تحميل المحادثات.', // historyFailed
  'جارٍ تحميل الرسائل السابقة…', // loadingOlder
  'الانتقال إلى الأحدث', // jumpToNewest
  'نص جديد في الأسفل', // newTextBelow
  'إرفاق ملفات', // attach
  'إزالة', // remove
  'إعادة الرفع', // retryUpload
  'فشل الرفع', // uploadFailed
  'المرفقات', // attached
  '{name} كبير جدًا (الحد الأقصى {size}).', // tooLarge
  '{name} ليس من نوع مدعوم.', // badType
  'يمكنك إرفاق {count} ملفات على الأكثر.', // tooMany
  'أفلت الملفات لإرفاقها', // dropFiles
  'إملاء', // dictate
  'إيقاف وتحويل إلى نص', // stopDictation
  'جارٍ التحويل إلى نص…', // transcribing
  'تم رفض الوصول إلى الميكروفون.', // micDenied
  'لم يُعثر على ميكروفون.', // noMic
  'تعذّر تحويل التسجيل إلى نص.', // transcribeFailed
  'إجابة جيدة', // goodResponse
  'إجابة سيئة', // badResponse
  'إعادة التوليد', // regenerate
  'الأداة', // tool
  'بلا أداة', // noTool
  'النموذج', // model
  'اقتراحات', // suggestions
  'إرسال', // rich.submit
  'تخطٍّ', // rich.skip
  'تم التخطي', // rich.skipped
  'جارٍ العمل…', // rich.working
  'تم', // rich.done
  'جارٍ إنشاء الصورة…', // rich.generatingImage
  'صورة مُنشأة', // rich.generatedImage
  'لم تُعرض الصورة (نطاقها غير مسموح به)', // rich.imageBlocked
  'عرض المزيد', // rich.showMore
  'إجابتك', // rich.yourAnswer
  'حدث خطأ أثناء إنشاء الرد.', // errors.stream.error
  'حدث خطأ ما.', // errors.custom
  'تعذّر الاتصال بالخادم. تحقّق من اتصالك وحاول مرة أخرى.', // errors.network
  'أنت غير متصل بالإنترنت. احتفظنا برسالتك؛ أرسلها مرة أخرى عند عودة الاتصال.', // errors.offline
  'تعذّر على الخادم معالجة الطلب.', // errors.http
  'أرسل الخادم ردًا لا تستطيع هذه المحادثة قراءته.', // errors.bad_content_type
  'أرسل الخادم رسالة تالفة.', // errors.bad_frame
  'أنهى الخادم الرد دون إجابة.', // errors.empty_stream
  'توقف الخادم عن الاستجابة.', // errors.idle_timeout
  'أرسل الخادم رسالة كبيرة جدًا.', // errors.frame_too_large
  'تعذّر العثور على تلك المحادثة، لذا بدأنا محادثة جديدة.', // errors.thread_not_found
  'تعذّرت إعادة تسمية المحادثة.', // errors.rename_failed
  'تعذّر حذف المحادثة.', // errors.delete_failed
  'تعذّر إرسال تقييمك.', // errors.feedback_failed
  'انتظر حتى تكتمل الإجابة الحالية.', // errors.busy
  'اكتب رسالة أولًا.', // errors.empty_message
  'لا يوجد ما يمكن إعادة محاولته.', // errors.nothing_to_retry
  'حدث خطأ ما.', // errors.unknown
];

export default ar;
