// Every word the touch page shows, in Chinese and English. Service and category names come from
// the catalogue (nameEn in English, falling back to the Chinese name); guide contents (materials,
// conditions, fees) are the hall file's Chinese.
export const TEXTS = {
  zh: {
    start: '请刷身份证、扫预约码或通行码，或直接选择事项', hello: n => `您好，${n}，请选择办理事项`, pass: '通行码已验证，请选择办理事项',
    waiting: n => `等候 ${n} 人`, needsId: '需身份证', working: '正在出票，请稍候…', take: '请取走您的小票',
    ahead: (a, m) => `前面还有 ${a} 人，预计等待 ${m} 分钟`, back: '返回', lang: 'English', elderly: '长辈模式',
    offline: '服务暂时不可用，正在重新连接…',
    common: '常办事项', categories: '按类别查找', count: n => `${n} 项`, search: '搜索事项',
    prev: '上一页', next: '下一页', page: (x, y) => `第 ${x}/${y} 页`,
    searchTitle: '搜索事项', searchHint: '输入事项名称的任意部分或拼音首字母，如“社保卡”输入 sbk',
    searchPlaceholder: '事项名称或拼音首字母', backspace: '删除', clear: '清空',
    found: n => `找到 ${n} 项`, notFound: '未找到相关事项，请换个关键词，或到引导台咨询',
    guide: '办事指南', materials: '申请材料', conditions: '受理条件', legal: '法定办结时限', promised: '承诺办结时限',
    days: n => `${n} 个工作日`, onTheSpot: '即办件（当场办结）', fee: '收费标准', free: '不收费',
    oneTrip: '最多跑一次', onlineBadge: '全程网办', online: '此事项可全程网办', onlineVia: app => `可通过“${app}”办理，或用手机扫描二维码`,
    onlineLink: '办理链接', agency: '可在村代办点代收代办', noGuide: '暂无办事指南，请到引导台咨询',
    takeTicket: '取号', takeWithGuide: '取号并打印办事指南', speak: '朗读',
    messages: {
      'id-required': '此事项需要身份证，请先在读卡区刷身份证', 'daily-limit': '您今天办理此事项的取号次数已达上限',
      'capacity-reached': '此事项今日号源已满，请改日再来或在线预约', 'unknown-service': '该事项暂不可办理，请到引导台咨询',
      'pass-refused': '请到引导台咨询办理', 'unknown-code': '无法识别此码，请出示预约码或通行码',
      'appointment-forged': '预约码无效，请到引导台咨询', 'appointment-expired': '预约已过签到时间，请重新取号或预约',
      'appointment-too-early': '尚未到预约签到时间，请稍后再来', 'appointment-wrong-hall': '该预约不属于本大厅',
      'appointment-used': '该预约已签到，不能重复取号', 'printer-paper-out': '本机暂停取号（缺纸），请使用其他取号机',
      'printer-cover-open': '本机暂停取号（打印机盖未关），请使用其他取号机', 'printer-error': '本机暂停取号，请使用其他取号机',
      'print-failed': '小票打印失败，该号码已作废，请到其他取号机重新取号', 'server-unavailable': '服务暂时不可用，请稍后再试',
      'refused': '暂时无法取号，请到引导台咨询'
    }
  },
  en: {
    start: 'Swipe your ID card, scan an appointment or pass code, or choose a service', hello: n => `Hello ${n}, please choose a service`, pass: 'Pass code accepted, please choose a service',
    waiting: n => `${n} waiting`, needsId: 'ID card', working: 'Printing your ticket…', take: 'Please take your ticket',
    ahead: (a, m) => `${a} ahead of you, about ${m} min`, back: 'Back', lang: '中文', elderly: 'Elderly mode',
    offline: 'Service temporarily unavailable, reconnecting…',
    common: 'Frequently used', categories: 'By category', count: n => n === 1 ? '1 service' : `${n} services`, search: 'Search',
    prev: 'Previous', next: 'Next', page: (x, y) => `Page ${x} of ${y}`,
    searchTitle: 'Search services', searchHint: 'Type any part of the name, in English or Chinese, or the pinyin initials (social security card: sbk)',
    searchPlaceholder: 'Name or pinyin initials', backspace: 'Delete', clear: 'Clear',
    found: n => n === 1 ? '1 service found' : `${n} services found`, notFound: 'Nothing found. Try other words, or ask at the guide desk.',
    guide: 'Service guide', materials: 'What to bring', conditions: 'Who can apply', legal: 'Statutory time limit', promised: 'Promised time limit',
    days: n => n === 1 ? '1 working day' : `${n} working days`, onTheSpot: 'Done on the spot', fee: 'Fee', free: 'Free of charge',
    oneTrip: 'One trip at most', onlineBadge: 'Fully online', online: 'This service can be done fully online', onlineVia: app => `Use ${app}, or scan the QR code with your phone`,
    onlineLink: 'Link', agency: 'Village service points can accept it for you', noGuide: 'No guide yet. Please ask at the guide desk.',
    takeTicket: 'Take a ticket', takeWithGuide: 'Ticket with printed guide', speak: 'Read aloud',
    messages: {
      'id-required': 'This service needs your ID card. Please swipe it on the reader first.', 'daily-limit': 'You have reached today\'s limit for this service.',
      'capacity-reached': 'Today\'s tickets for this service are all taken. Please come back another day or book online.', 'unknown-service': 'This service is not available. Please ask at the guide desk.',
      'pass-refused': 'Please go to the guide desk.', 'unknown-code': 'This code is not recognised. Please show an appointment or pass code.',
      'appointment-forged': 'This appointment code is not valid. Please ask at the guide desk.', 'appointment-expired': 'The check-in time of this appointment has passed.',
      'appointment-too-early': 'Check-in for this appointment has not opened yet.', 'appointment-wrong-hall': 'This appointment is for another hall.',
      'appointment-used': 'This appointment has already been checked in.', 'printer-paper-out': 'This kiosk is out of paper. Please use another kiosk.',
      'printer-cover-open': 'This kiosk\'s printer cover is open. Please use another kiosk.', 'printer-error': 'This kiosk cannot print. Please use another kiosk.',
      'print-failed': 'Your ticket could not be printed and has been cancelled. Please take a new one at another kiosk.', 'server-unavailable': 'Service temporarily unavailable. Please try again shortly.',
      'refused': 'No ticket can be issued now. Please ask at the guide desk.'
    }
  }
};
